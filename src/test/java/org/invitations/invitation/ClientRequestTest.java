package org.invitations.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.invitations.invitation.NewMeeting.ParticipantRef;
import org.invitations.invitation.SendReport.Skipped;
import org.junit.jupiter.api.Test;

/**
 * A create kept under its request id: a retry is told from a different request by its data and its
 * options, and is answered with what the first call wrote.
 */
class ClientRequestTest {

    private static final ClientRequest.Key KEY = new ClientRequest.Key(1, "create-1");
    private static final Instant NOW = Instant.parse("2030-01-01T08:00:00Z");
    private static final NewMeeting MEETING = new NewMeeting(AppointmentType.MEETING, "Planning", null, "Room 4",
            NOW.plusSeconds(3_600), NOW.plusSeconds(7_200), List.of(new ParticipantRef(ParticipantKind.ASSOCIATE, 3)),
            true, true);
    private static final NewMeeting OTHER_MEETING = new NewMeeting(AppointmentType.MEETING, "Planning", null,
            "Room 5", NOW.plusSeconds(3_600), NOW.plusSeconds(7_200),
            List.of(new ParticipantRef(ParticipantKind.ASSOCIATE, 3)), true, true);
    private static final String HASH = RequestFingerprint.of(MEETING);
    private static final SendOptions CONFIRMATION = new SendOptions(true, false);
    private static final SendOptions SMS = new SendOptions(false, true);
    private static final SendOptions BOTH = new SendOptions(true, true);

    @Test
    void aRetryIsTheSameDataWithTheSameOptions() {
        for (SendOptions options : List.of(SendOptions.NONE, CONFIRMATION, SMS, BOTH)) {
            ClientRequest kept = new ClientRequest(KEY, HASH, options, SendReport.NONE, 7, NOW);

            assertTrue(kept.sameRequest(MEETING, options), options.toString());
            assertFalse(kept.sameRequest(OTHER_MEETING, options), options.toString());
        }
    }

    @Test
    void otherOptionsUnderTheSameIdAreADifferentRequest() {
        List<SendOptions> all = List.of(SendOptions.NONE, CONFIRMATION, SMS, BOTH);
        for (SendOptions first : all) {
            ClientRequest kept = new ClientRequest(KEY, HASH, first, SendReport.NONE, 7, NOW);
            for (SendOptions retry : all) {
                assertEquals(first.equals(retry), kept.sameRequest(MEETING, retry), first + " then " + retry);
            }
        }
    }

    @Test
    void aRowKeptByAnEarlierRunIsReadByTheCodeItStored() throws ReflectiveOperationException {
        Map<String, SendOptions> stored = Map.of("NONE", SendOptions.NONE, "CONFIRMATION", CONFIRMATION, "SMS", SMS,
                "BOTH", BOTH);
        Field notify = ClientRequest.class.getDeclaredField("notify");
        notify.setAccessible(true);
        for (Map.Entry<String, SendOptions> row : stored.entrySet()) {
            ClientRequest kept = new ClientRequest(KEY, HASH, SendOptions.NONE, SendReport.NONE, 7, NOW);
            notify.set(kept, row.getKey());

            assertTrue(kept.sameRequest(MEETING, row.getValue()), row.getKey());
        }
    }

    @Test
    void aRowKeptBeforeOptionsWereKeptMatchesAnyOptions() throws ReflectiveOperationException {
        ClientRequest kept = new ClientRequest(KEY, HASH, CONFIRMATION, SendReport.NONE, 7, NOW);
        Field notify = ClientRequest.class.getDeclaredField("notify");
        notify.setAccessible(true);
        notify.set(kept, null);

        assertTrue(kept.sameRequest(MEETING, SMS));
        assertFalse(kept.sameRequest(OTHER_MEETING, SMS));
    }

    @Test
    void aRetryIsToldWhatTheFirstCallSentAndWhoWasSkipped() {
        SendReport sent = new SendReport(3, 2, List.of(new Skipped(10, "Petra", "EMAIL"),
                new Skipped(11, "Paul", "SMS")), true);
        ClientRequest kept = new ClientRequest(KEY, HASH, BOTH, sent, 7, NOW);
        List<List<Long>> asked = new ArrayList<>();

        SendReport answered = kept.sendReport(ids -> {
            asked.add(ids);
            return Map.of(10L, "Petra", 11L, "Paul");
        });

        assertEquals(sent, answered);
        assertEquals(List.of(List.of(10L, 11L)), asked, "the names are looked up once, for every person skipped");
        assertEquals(7, kept.getAppointmentId());
    }

    @Test
    void nothingSkippedLooksNobodyUp() {
        SendReport sent = new SendReport(1, 0, List.of(), true);
        ClientRequest kept = new ClientRequest(KEY, HASH, CONFIRMATION, sent, 7, NOW);

        assertEquals(sent, kept.sendReport(ids -> {
            throw new AssertionError("looked up " + ids);
        }));
    }

    @Test
    void aCreateWithoutOptionsAnswersThatNothingWasAsked() {
        ClientRequest kept = new ClientRequest(KEY, HASH, SendOptions.NONE, SendReport.NONE, 7, NOW);

        assertEquals(SendReport.NONE, kept.sendReport(ids -> Map.of()));
    }
}
