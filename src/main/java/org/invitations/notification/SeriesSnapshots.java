package org.invitations.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hibernate.Session;
import org.invitations.invitation.Appointment;
import org.invitations.notification.SeriesSnapshot.OccurrenceOverride;

/**
 * A series as its confirmations tell it, read from the entities inside the change's transaction: the
 * series appointment's rule, zone, first slot, text and SEQUENCE, the recurrence ids of its cancelled
 * occurrences (EXDATE) and an override (RECURRENCE-ID) for every other occurrence that is not what the
 * rule alone gives. The occurrences are read with one query (a series has at most 730), as plain values,
 * after the change was flushed, so the snapshot is the series as the change left it.
 */
final class SeriesSnapshots {

    private SeriesSnapshots() {
    }

    /**
     * The series {@code series} as one calendar entry, with these attendees.
     *
     * @throws IllegalArgumentException when {@code series} is no series appointment
     */
    static MeetingSnapshot of(Session session, Appointment series, Party organizer, List<Party> attendees) {
        if (!series.isSeries()) {
            throw new IllegalArgumentException("appointment " + series.getId() + " is no series");
        }
        MeetingSnapshot meeting = new MeetingSnapshot(series.getId(), series.getSequence(), series.getTitle(),
                series.getDescription(), series.getLocation(), series.getStartsAt(), series.getEndsAt(), organizer,
                attendees, series.getTimeZone());
        if (series.isCancelled()) {
            // a CANCEL without RECURRENCE-ID takes away every instance (RFC 5546 §3.2.5): nothing to list
            return meeting.asSeries(series.getTimeZone(), SeriesSnapshot.of(series.getRecurrenceRule()));
        }
        return meeting.asSeries(series.getTimeZone(), differences(session, series));
    }

    /** The rule with the cancelled occurrences and those that differ from it. */
    private static SeriesSnapshot differences(Session session, Appointment series) {
        session.flush(); // the change's own occurrence as it now stands
        List<Object[]> rows = session.createSelectionQuery("""
                        select o.recurrenceId, o.startsAt, o.endsAt, o.sequence, o.cancelledAt, o.text.title,
                               o.text.location
                        from Appointment o where o.series.id = :series order by o.recurrenceId""", Object[].class)
                .setParameter("series", series.getId())
                .getResultList();
        Duration length = Duration.between(series.getStartsAt(), series.getEndsAt());
        List<Instant> cancelled = new ArrayList<>();
        List<OccurrenceOverride> overrides = new ArrayList<>();
        for (Object[] row : rows) {
            Instant recurrenceId = (Instant) row[0];
            Instant start = (Instant) row[1];
            Instant end = (Instant) row[2];
            int sequence = (Integer) row[3];
            String title = (String) row[5];
            String location = (String) row[6];
            if (row[4] != null) {
                cancelled.add(recurrenceId);
            } else if (!start.equals(recurrenceId) || !Duration.between(start, end).equals(length) || sequence > 0
                    || !Objects.equals(title, series.getTitle())
                    || !Objects.equals(blankToNull(location), blankToNull(series.getLocation()))) {
                overrides.add(new OccurrenceOverride(recurrenceId, start, end, sequence,
                        Objects.equals(title, series.getTitle()) ? null : title,
                        Objects.equals(blankToNull(location), blankToNull(series.getLocation())) ? null : location));
            }
        }
        return new SeriesSnapshot(series.getRecurrenceRule(), cancelled, overrides);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
