package org.invitations.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.invitations.invitation.Notices.NoticeSummary;
import org.invitations.invitation.Notices.NoticeSummary.Skipped;
import org.invitations.invitation.Notices.Notify;
import org.junit.jupiter.api.Test;

/**
 * A create kept under its request id: a retry is told from a different request by its data and its
 * options, and is answered with what the first call wrote.
 */
class ClientRequestTest {

    private static final ClientRequest.Key KEY = new ClientRequest.Key(1, "create-1");
    private static final Instant NOW = Instant.parse("2030-01-01T08:00:00Z");
    private static final Notify CONFIRMATION = new Notify(true, false);
    private static final Notify SMS = new Notify(false, true);
    private static final Notify BOTH = new Notify(true, true);

    @Test
    void aRetryIsTheSameDataWithTheSameOptions() {
        for (Notify options : List.of(Notify.NONE, CONFIRMATION, SMS, BOTH)) {
            ClientRequest kept = new ClientRequest(KEY, "hash", options, NoticeSummary.NONE, 7, NOW);

            assertTrue(kept.sameRequest("hash", options), options.toString());
            assertFalse(kept.sameRequest("other hash", options), options.toString());
        }
    }

    @Test
    void otherOptionsUnderTheSameIdAreADifferentRequest() {
        List<Notify> all = List.of(Notify.NONE, CONFIRMATION, SMS, BOTH);
        for (Notify first : all) {
            ClientRequest kept = new ClientRequest(KEY, "hash", first, NoticeSummary.NONE, 7, NOW);
            for (Notify retry : all) {
                assertEquals(first.equals(retry), kept.sameRequest("hash", retry), first + " then " + retry);
            }
        }
    }

    @Test
    void aRowKeptByAnEarlierRunIsReadByTheCodeItStored() throws ReflectiveOperationException {
        Map<String, Notify> stored = Map.of("NONE", Notify.NONE, "CONFIRMATION", CONFIRMATION, "SMS", SMS,
                "BOTH", BOTH);
        Field notify = ClientRequest.class.getDeclaredField("notify");
        notify.setAccessible(true);
        for (Map.Entry<String, Notify> row : stored.entrySet()) {
            ClientRequest kept = new ClientRequest(KEY, "hash", Notify.NONE, NoticeSummary.NONE, 7, NOW);
            notify.set(kept, row.getKey());

            assertTrue(kept.sameRequest("hash", row.getValue()), row.getKey());
        }
    }

    @Test
    void aRowKeptBeforeOptionsWereKeptMatchesAnyOptions() throws ReflectiveOperationException {
        ClientRequest kept = new ClientRequest(KEY, "hash", CONFIRMATION, NoticeSummary.NONE, 7, NOW);
        Field notify = ClientRequest.class.getDeclaredField("notify");
        notify.setAccessible(true);
        notify.set(kept, null);

        assertTrue(kept.sameRequest("hash", SMS));
        assertFalse(kept.sameRequest("other hash", SMS));
    }

    @Test
    void aRetryIsToldWhatTheFirstCallSentAndWhoWasSkipped() {
        NoticeSummary sent = new NoticeSummary(3, 2, List.of(new Skipped(10, "Petra", "EMAIL"),
                new Skipped(11, "Paul", "SMS")), true);
        ClientRequest kept = new ClientRequest(KEY, "hash", BOTH, sent, 7, NOW);
        List<List<Long>> asked = new ArrayList<>();

        NoticeSummary answered = kept.notices(ids -> {
            asked.add(ids);
            return Map.of(10L, "Petra", 11L, "Paul");
        });

        assertEquals(sent, answered);
        assertEquals(List.of(List.of(10L, 11L)), asked, "the names are looked up once, for every person skipped");
        assertEquals(7, kept.getAppointmentId());
    }

    @Test
    void nothingSkippedLooksNobodyUp() {
        NoticeSummary sent = new NoticeSummary(1, 0, List.of(), true);
        ClientRequest kept = new ClientRequest(KEY, "hash", CONFIRMATION, sent, 7, NOW);

        assertEquals(sent, kept.notices(ids -> {
            throw new AssertionError("looked up " + ids);
        }));
    }

    @Test
    void aCreateWithoutOptionsAnswersThatNothingWasAsked() {
        ClientRequest kept = new ClientRequest(KEY, "hash", Notify.NONE, NoticeSummary.NONE, 7, NOW);

        assertEquals(NoticeSummary.NONE, kept.notices(ids -> Map.of()));
    }
}
