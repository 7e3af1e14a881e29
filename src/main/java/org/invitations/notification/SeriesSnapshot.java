package org.invitations.notification;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The recurring part of a {@link MeetingSnapshot} that stands for a whole series: the snapshot's own
 * start, end, sequence, title and attendees are the series appointment's (its first occurrence), its
 * zone is the one the rule repeats in, and this part says how it repeats and where single occurrences
 * differ. A confirmation made of it is one calendar entry (RRULE) with EXDATEs and one RECURRENCE-ID
 * component per override, as Outlook and Gmail send a recurring meeting themselves.
 *
 * @param rrule     the rule as the series stores it, without the "RRULE:" name, e.g.
 *                  {@code FREQ=WEEKLY;COUNT=10;BYDAY=MO}; its UNTIL, if any, in UTC (RFC 5545 §3.3.10)
 * @param cancelled the recurrence ids (original starts) of the cancelled occurrences: EXDATE
 * @param overrides the occurrences that differ from what the rule gives (moved, retitled, own sequence)
 */
public record SeriesSnapshot(String rrule, List<Instant> cancelled, List<OccurrenceOverride> overrides) {

    public SeriesSnapshot {
        Objects.requireNonNull(rrule, "rrule");
        if (rrule.isBlank()) {
            throw new IllegalArgumentException("a series needs a rule");
        }
        if (rrule.regionMatches(true, 0, "RRULE:", 0, 6)) {
            rrule = rrule.substring(6);
        }
        cancelled = cancelled.stream().sorted().distinct().toList();
        overrides = overrides.stream()
                .sorted((a, b) -> a.recurrenceId().compareTo(b.recurrenceId())).toList();
        Set<Instant> seen = new HashSet<>(cancelled);
        for (OccurrenceOverride override : overrides) {
            if (!seen.add(override.recurrenceId())) {
                throw new IllegalArgumentException("occurrence " + override.recurrenceId()
                        + " is overridden twice, or both overridden and cancelled");
            }
        }
    }

    /** A series nothing has been done to yet. */
    public static SeriesSnapshot of(String rrule) {
        return new SeriesSnapshot(rrule, List.of(), List.of());
    }

    /** The override of this occurrence, or null when the rule alone gives it. */
    OccurrenceOverride override(Instant recurrenceId) {
        return overrides.stream().filter(o -> o.recurrenceId().equals(recurrenceId)).findFirst().orElse(null);
    }

    /**
     * One occurrence as it now stands, where it differs from the rule: it becomes a VEVENT with the
     * series' UID and a RECURRENCE-ID.
     *
     * @param recurrenceId the occurrence's original start, which never changes (its name in the series)
     * @param start        where it starts now
     * @param end          where it ends now, not before {@code start}
     * @param sequence     the occurrence's own sequence (raised when it alone was moved)
     * @param title        its own title, or null for the series'
     * @param location     its own location, or null (or blank) for the series'
     */
    public record OccurrenceOverride(Instant recurrenceId, Instant start, Instant end, int sequence, String title,
                                     String location) {

        public OccurrenceOverride {
            Objects.requireNonNull(recurrenceId, "recurrenceId");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (end.isBefore(start)) {
                throw new IllegalArgumentException("occurrence " + recurrenceId + " ends (" + end
                        + ") before it starts (" + start + ")");
            }
            if (sequence < 0) {
                throw new IllegalArgumentException("sequence " + sequence + " is negative");
            }
            title = title == null || title.isBlank() ? null : title;
            location = location == null || location.isBlank() ? null : location;
        }

        /** A moved occurrence that keeps the series' title and location. */
        public static OccurrenceOverride moved(Instant recurrenceId, Instant start, Instant end, int sequence) {
            return new OccurrenceOverride(recurrenceId, start, end, sequence, null, null);
        }
    }
}
