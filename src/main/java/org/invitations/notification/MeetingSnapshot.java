package org.invitations.notification;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * A meeting as one message tells it, copied out of the appointment while its transaction is open, so a
 * confirmation or an SMS can be built and sent after the session has closed.
 *
 * @param appointmentId the appointment's id, which makes the iCalendar UID: one calendar entry per meeting
 * @param sequence      the appointment's sequence, which goes up on every move (iCalendar's SEQUENCE)
 * @param title         required
 * @param description   optional; blank counts as none
 * @param location      optional; blank counts as none
 * @param start         required
 * @param end           not before {@code start}
 * @param organizer     the owner; its address is optional
 * @param attendees     everyone else who takes part, with or without an address, in the order to show
 * @param timeZone      the zone its times were written in (texts for people show local times in it); null means UTC
 * @param series        for a series: how it repeats (then start and end are its first occurrence's and
 *                      {@code timeZone} is the rule's); null for a single meeting
 */
public record MeetingSnapshot(long appointmentId, int sequence, String title, String description, String location,
                              Instant start, Instant end, Party organizer, List<Party> attendees, ZoneId timeZone,
                              SeriesSnapshot series) {

    /** A single meeting written in UTC. */
    public MeetingSnapshot(long appointmentId, int sequence, String title, String description, String location,
                           Instant start, Instant end, Party organizer, List<Party> attendees) {
        this(appointmentId, sequence, title, description, location, start, end, organizer, attendees, null, null);
    }

    /** A single meeting written in {@code timeZone}. */
    public MeetingSnapshot(long appointmentId, int sequence, String title, String description, String location,
                           Instant start, Instant end, Party organizer, List<Party> attendees, ZoneId timeZone) {
        this(appointmentId, sequence, title, description, location, start, end, organizer, attendees, timeZone, null);
    }

    public MeetingSnapshot {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(organizer, "organizer");
        attendees = List.copyOf(attendees);
        if (title.isBlank()) {
            throw new IllegalArgumentException("a meeting needs a title");
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence " + sequence + " is negative");
        }
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("the meeting ends (" + end + ") before it starts (" + start + ")");
        }
        timeZone = timeZone == null ? ZoneOffset.UTC : timeZone;
        description = blankToNull(description);
        location = blankToNull(location);
    }

    /** Whether this stands for a whole series rather than one meeting. */
    public boolean isSeries() {
        return series != null;
    }

    /** The same meeting as a series repeating in {@code zone}: start and end are its first occurrence's. */
    public MeetingSnapshot asSeries(ZoneId zone, SeriesSnapshot series) {
        return new MeetingSnapshot(appointmentId, sequence, title, description, location, start, end, organizer,
                attendees, Objects.requireNonNull(zone, "zone"), Objects.requireNonNull(series, "series"));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
