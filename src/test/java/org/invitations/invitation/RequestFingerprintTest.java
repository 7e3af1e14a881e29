package org.invitations.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.invitations.invitation.NewMeeting.ParticipantRef;
import org.junit.jupiter.api.Test;

/**
 * A create's fingerprint is the digest of a fixed list of fields in a documented encoding, pinned here
 * by known values; fingerprints stored before it (of the record's text) are still recognised.
 */
class RequestFingerprintTest {

    /** A planning meeting with an associate and a person, a description left out. */
    private static NewMeeting planning() {
        return new NewMeeting(AppointmentType.MEETING, "Planning \u2013 Q1", null, "Room 4",
                Instant.parse("2026-12-07T09:00:00Z"), Instant.parse("2026-12-07T10:30:00.250Z"),
                List.of(new ParticipantRef(ParticipantKind.ASSOCIATE, 2),
                        new ParticipantRef(ParticipantKind.PERSON, 7)),
                true, false);
    }

    private static NewMeeting planningWith(String title, String description, String location) {
        NewMeeting p = planning();
        return new NewMeeting(p.type(), title, description, location, p.start(), p.end(), p.participants(),
                p.sendInvitations(), p.includeMyself());
    }

    @Test
    void theFingerprintIsTheDigestOfTheDocumentedEncoding() {
        assertEquals("""
                type=MEETING
                title=15:Planning \u2013 Q1
                description=-
                location=6:Room 4
                start=2026-12-07T09:00:00Z
                end=2026-12-07T10:30:00.250Z
                sendInvitations=true
                includeMyself=false
                participants=2
                participant=ASSOCIATE:2
                participant=PERSON:7
                """, new String(RequestFingerprint.encoding(planning()), StandardCharsets.UTF_8));
        // SHA-256 of the text above, base64url without padding, computed outside Java
        assertEquals("v2:w9N26McoqTUa5ROtcI-dE9ZwFGpVBSqje0hxHD-KvpU", RequestFingerprint.of(planning()));
    }

    @Test
    void aFingerprintFitsTheStoredColumn() {
        assertTrue(RequestFingerprint.of(planning()).length() <= 64, "client_request.request_hash is 64 characters");
    }

    @Test
    void everyFieldTheOwnerSendsChangesTheFingerprint() {
        NewMeeting p = planning();
        List<ParticipantRef> reversed = new ArrayList<>(p.participants());
        Collections.reverse(reversed);
        List<NewMeeting> variants = List.of(p,
                new NewMeeting(AppointmentType.TASK, p.title(), p.description(), p.location(), p.start(), p.end(),
                        p.participants(), p.sendInvitations(), p.includeMyself()),
                planningWith("Planning \u2013 Q2", null, "Room 4"),
                planningWith("Planning \u2013 Q1", "Agenda", "Room 4"),
                planningWith("Planning \u2013 Q1", null, "Room 5"),
                new NewMeeting(p.type(), p.title(), p.description(), p.location(), p.start().plusSeconds(1), p.end(),
                        p.participants(), p.sendInvitations(), p.includeMyself()),
                new NewMeeting(p.type(), p.title(), p.description(), p.location(), p.start(), p.end().plusMillis(1),
                        p.participants(), p.sendInvitations(), p.includeMyself()),
                new NewMeeting(p.type(), p.title(), p.description(), p.location(), p.start(), p.end(),
                        reversed, p.sendInvitations(), p.includeMyself()),
                new NewMeeting(p.type(), p.title(), p.description(), p.location(), p.start(), p.end(),
                        p.participants().subList(0, 1), p.sendInvitations(), p.includeMyself()),
                new NewMeeting(p.type(), p.title(), p.description(), p.location(), p.start(), p.end(),
                        p.participants(), false, p.includeMyself()),
                new NewMeeting(p.type(), p.title(), p.description(), p.location(), p.start(), p.end(),
                        p.participants(), p.sendInvitations(), true));
        Set<String> fingerprints = new HashSet<>();
        variants.forEach(v -> fingerprints.add(RequestFingerprint.of(v)));
        assertEquals(variants.size(), fingerprints.size(), "one fingerprint per variant");
    }

    @Test
    void anAbsentTextDiffersFromAnEmptyOneAndFromTheWordNull() {
        // the record's text wrote an absent description as "null", so these two had one fingerprint
        assertEquals(RequestFingerprint.legacy(planningWith("Planning", null, "Room 4")),
                RequestFingerprint.legacy(planningWith("Planning", "null", "Room 4")));

        Set<String> fingerprints = Set.of(
                RequestFingerprint.of(planningWith("Planning", null, "Room 4")),
                RequestFingerprint.of(planningWith("Planning", "", "Room 4")),
                RequestFingerprint.of(planningWith("Planning", "null", "Room 4")));
        assertEquals(3, fingerprints.size());
    }

    @Test
    void aTextCannotPassForTheFieldsAfterIt() {
        assertNotEquals(RequestFingerprint.of(planningWith("Planning, description=Agenda", null, "Room 4")),
                RequestFingerprint.of(planningWith("Planning", "Agenda", "Room 4")));
        assertNotEquals(RequestFingerprint.of(planningWith("Planning\ndescription=-", null, "Room 4")),
                RequestFingerprint.of(planningWith("Planning", null, "Room 4")));
    }

    @Test
    void aCreateStoredBeforeTheUpgradeIsStillRecognised() {
        // what the service stored for planning() before version 2: the SHA-256 of the record's text,
        // "NewMeeting[type=MEETING, title=Planning – Q1, description=null, ...]"
        String stored = "0376929e93280eba33881bc28ab826ad8fa94c4fcf7cdb4565896d28771c1f98";
        assertEquals(stored, RequestFingerprint.legacy(planning()));

        ClientRequest earlier = new ClientRequest(new ClientRequest.Key(1, "order-4711"), stored, SendOptions.NONE,
                SendReport.NONE, 10, Instant.parse("2026-12-01T08:00:00Z"));

        assertTrue(earlier.sameRequest(planning(), SendOptions.NONE), "the same create, retried after the upgrade");
        assertFalse(earlier.sameRequest(planningWith("Planning \u2013 Q2", null, "Room 4"), SendOptions.NONE),
                "another create under the same id");
    }

    @Test
    void aCreateStoredNowIsRecognisedByItsVersion() {
        ClientRequest earlier = new ClientRequest(new ClientRequest.Key(1, "order-4712"),
                RequestFingerprint.of(planning()), SendOptions.NONE, SendReport.NONE, 10,
                Instant.parse("2026-12-06T08:00:00Z"));

        assertTrue(earlier.sameRequest(planning(), SendOptions.NONE));
        assertFalse(earlier.sameRequest(planningWith("Planning \u2013 Q1", "", "Room 4"), SendOptions.NONE));
        assertFalse(earlier.sameRequest(planning(), new SendOptions(true, false)), "other options");
    }
}
