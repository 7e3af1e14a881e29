package org.invitations.notification;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import net.fortuna.ical4j.model.Recur;
import org.hibernate.Session;
import org.invitations.invitation.Appointment;
import org.invitations.notification.SeriesSnapshot.OccurrenceOverride;

/**
 * A series as its confirmations tell it, read from the entities inside the change's transaction: the
 * series appointment's rule, zone, first slot, text and SEQUENCE, the recurrence ids of its cancelled
 * occurrences (EXDATE) and an override (RECURRENCE-ID) for every other occurrence that is not what the
 * rule alone gives: another start or length, its own title or location, or a SEQUENCE above the series'
 * (moved on its own, even if back to its first time). The occurrences are read with one query (a series
 * has at most 730), as plain values, after the change was flushed, so the snapshot is the series as the
 * change left it.
 */
final class SeriesSnapshots {

    /** More than a series can have (730), so that a rule is never expanded without end. */
    private static final int MAX_INSTANCES = 731;

    private SeriesSnapshots() {
    }

    /**
     * A series as its confirmations tell it, and the RECURRENCE-ID each of its occurrences has in them.
     *
     * @param meeting   the series as one calendar entry
     * @param instances the rule's instance on each local date in the series' zone (a series occurs at most
     *                  once a day), as a calendar program computes it from the entry's DTSTART and RRULE
     */
    record Read(MeetingSnapshot meeting, Map<LocalDate, Instant> instances) {

        /**
         * The occurrence's RECURRENCE-ID in the calendar: the rule's instance on the local date of its stored
         * recurrence id. The two are equal until the owner moves the whole series to another time of day;
         * then the calendar's instances move with DTSTART while the stored recurrence ids never change.
         */
        Instant calendarId(Instant recurrenceId) {
            return instances.getOrDefault(recurrenceId.atZone(meeting.timeZone()).toLocalDate(), recurrenceId);
        }
    }

    /**
     * The series {@code series} as one calendar entry, with these attendees.
     *
     * @throws IllegalArgumentException when {@code series} is no series appointment
     */
    static Read of(Session session, Appointment series, Party organizer, List<Party> attendees) {
        if (!series.isSeries()) {
            throw new IllegalArgumentException("appointment " + series.getId() + " is no series");
        }
        ZoneId zone = series.getTimeZone();
        MeetingSnapshot meeting = new MeetingSnapshot(series.getId(), series.getSequence(), series.getTitle(),
                series.getDescription(), series.getLocation(), series.getStartsAt(), series.getEndsAt(), organizer,
                attendees, zone);
        Read plain = new Read(meeting.asSeries(zone, SeriesSnapshot.of(series.getRecurrenceRule())), instances(series));
        if (series.isCancelled()) {
            // a CANCEL without RECURRENCE-ID takes away every instance (RFC 5546 §3.2.5): nothing to list
            return plain;
        }
        return new Read(meeting.asSeries(zone, differences(session, series, plain)), plain.instances());
    }

    /** The rule's instances by local date, expanded as {@link Confirmations} bounds a series: two years and a day. */
    private static Map<LocalDate, Instant> instances(Appointment series) {
        ZoneId zone = series.getTimeZone();
        ZonedDateTime seed = series.getStartsAt().truncatedTo(ChronoUnit.SECONDS).atZone(zone);
        Recur<ZonedDateTime> rule = new Recur<>(series.getRecurrenceRule());
        Map<LocalDate, Instant> instances = new HashMap<>();
        for (ZonedDateTime start : rule.getDates(seed, seed, seed.plusYears(Confirmations.HORIZON_YEARS).plusDays(1),
                MAX_INSTANCES)) {
            instances.putIfAbsent(start.withZoneSameInstant(zone).toLocalDate(), start.toInstant());
        }
        return instances;
    }

    /** The rule with the cancelled occurrences (EXDATE) and those that differ from it (RECURRENCE-ID). */
    private static SeriesSnapshot differences(Session session, Appointment series, Read plain) {
        session.flush(); // the change's own occurrence as it now stands
        List<Object[]> rows = session.createSelectionQuery("""
                        select o.recurrenceId, o.startsAt, o.endsAt, o.sequence, o.cancelledAt, o.text.title,
                               o.text.location
                        from Appointment o where o.series.id = :series order by o.recurrenceId""", Object[].class)
                .setParameter("series", series.getId())
                .getResultList();
        Duration length = Duration.between(series.getStartsAt(), series.getEndsAt());
        String title = series.getTitle();
        String location = blankToNull(series.getLocation());
        Set<Instant> ruleStarts = new HashSet<>(plain.instances().values());
        List<Instant> cancelled = new ArrayList<>();
        List<OccurrenceOverride> overrides = new ArrayList<>();
        for (Object[] row : rows) {
            Instant id = plain.calendarId((Instant) row[0]);
            Instant start = (Instant) row[1];
            Instant end = (Instant) row[2];
            int sequence = (Integer) row[3];
            String ownTitle = Objects.equals(row[5], title) ? null : (String) row[5];
            String ownLocation = Objects.equals(blankToNull((String) row[6]), location) ? null : (String) row[6];
            if (row[4] != null) {
                if (ruleStarts.contains(id)) { // past a shortened rule's end there is nothing to take out
                    cancelled.add(id);
                }
            } else if (!start.equals(id) || !Duration.between(start, end).equals(length)
                    || sequence > series.getSequence() || ownTitle != null || ownLocation != null) {
                overrides.add(new OccurrenceOverride(id, start, end, Math.max(sequence, series.getSequence()),
                        ownTitle, ownLocation));
            }
        }
        return new SeriesSnapshot(series.getRecurrenceRule(), cancelled, overrides);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
