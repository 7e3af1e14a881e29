package org.invitations.invitation;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.Collectors;

/**
 * A digest of everything a create asked for, kept with its client request id to tell a retry from a
 * different request. It is computed from an explicit list of fields in a fixed encoding, never from
 * {@code toString()}, so that a field added to {@link NewMeeting} leaves the fingerprints already stored
 * unchanged.
 *
 * <p>The encoding (version 2): one line per field, ended by {@code \n}, in this order:
 * {@code type}, {@code title}, {@code description}, {@code location}, {@code start}, {@code end},
 * {@code sendInvitations}, {@code includeMyself}, {@code participants}; then one {@code participant}
 * line per participant, in request order. A line is {@code name=value}. A text value is written as its
 * UTF-8 byte count, a colon and its UTF-8 bytes ({@code title=8:Planning}), or {@code -} when absent; a
 * time is ISO-8601 in UTC ({@link DateTimeFormatter#ISO_INSTANT}); a flag {@code true} or {@code false};
 * {@code participants} is their count; a participant is its kind and id ({@code participant=PERSON:7}).
 * The fingerprint is {@code v2:} and the unpadded base64url SHA-256 of those bytes (46 characters).
 * A field added later joins the encoding as a new line after these, written only when it is not at its
 * default, so that the fingerprint of a request that does not use it stays what it was. So far:
 * {@code timeZone} (the zone as the request named it) and {@code recurrence} (its fields in a fixed
 * order, see {@link Recurrence#fingerprint()}), each only when given.
 *
 * <p>Fingerprints stored before version 2 (64 hex characters, no version marker) were the SHA-256 of
 * the record's {@code toString()} at the time; {@link #matches} still reads them with {@link #legacy},
 * which writes that text out field by field, so that a retry of a create made before the upgrade is
 * answered as the first call was.
 */
final class RequestFingerprint {

    static final String VERSION = "v2:";

    private RequestFingerprint() {
    }

    /** The fingerprint stored for a new create. */
    static String of(NewMeeting meeting) {
        return VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(encoding(meeting)));
    }

    /** Whether a stored fingerprint, of either version, is this request's. */
    static boolean matches(String stored, NewMeeting meeting) {
        if (stored.startsWith(VERSION)) {
            return stored.equals(of(meeting));
        }
        // before version 2 a create had neither a zone nor a recurrence
        return meeting.timeZone() == null && meeting.recurrence() == null && stored.equals(legacy(meeting));
    }

    /** The bytes the version-2 fingerprint digests (see the class comment). */
    static byte[] encoding(NewMeeting meeting) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        line(out, "type", meeting.type().name());
        line(out, "title", text(meeting.title()));
        line(out, "description", text(meeting.description()));
        line(out, "location", text(meeting.location()));
        line(out, "start", time(meeting.start()));
        line(out, "end", time(meeting.end()));
        line(out, "sendInvitations", Boolean.toString(meeting.sendInvitations()));
        line(out, "includeMyself", Boolean.toString(meeting.includeMyself()));
        line(out, "participants", Integer.toString(meeting.participants().size()));
        for (NewMeeting.ParticipantRef ref : meeting.participants()) {
            line(out, "participant", ref.kind().name() + ":" + ref.id());
        }
        if (meeting.timeZone() != null) {
            line(out, "timeZone", text(meeting.timeZone()));
        }
        if (meeting.recurrence() != null) {
            line(out, "recurrence", text(meeting.recurrence().fingerprint()));
        }
        return out.toByteArray();
    }

    /**
     * The fingerprint as versions before 2 stored it: the hex SHA-256 of the text the record's
     * {@code toString()} gave then, written out here with the fields of that time.
     */
    static String legacy(NewMeeting meeting) {
        String participants = meeting.participants().stream()
                .map(ref -> "ParticipantRef[kind=" + ref.kind() + ", id=" + ref.id() + "]")
                .collect(Collectors.joining(", ", "[", "]"));
        String text = "NewMeeting[type=" + meeting.type() + ", title=" + meeting.title()
                + ", description=" + meeting.description() + ", location=" + meeting.location()
                + ", start=" + meeting.start() + ", end=" + meeting.end() + ", participants=" + participants
                + ", sendInvitations=" + meeting.sendInvitations() + ", includeMyself=" + meeting.includeMyself()
                + "]";
        return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void line(ByteArrayOutputStream out, String name, String value) {
        out.writeBytes((name + "=" + value + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String text(String value) {
        return value == null ? "-" : value.getBytes(StandardCharsets.UTF_8).length + ":" + value;
    }

    private static String time(Instant value) {
        return value == null ? "-" : DateTimeFormatter.ISO_INSTANT.format(value);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
