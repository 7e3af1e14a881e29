package org.invitations.invitation;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;

/**
 * How a new meeting or task repeats, as the owner asked: either an RFC 5545 rule text ({@code rrule}) or a
 * pattern (frequency, interval, weekdays, weekday position, day of month, month, and an end by count or by
 * date). {@link Recurrences} checks it and turns it into a {@link SeriesRule}. Null fields are "not given".
 */
public record Recurrence(String rrule, Frequency frequency, Integer interval, List<DayOfWeek> weekdays,
                         Integer weekdayPosition, Integer dayOfMonth, Integer month, Integer count,
                         LocalDate until) {

    /** The frequencies a series may have: at most once a day, at the first occurrence's time. */
    public enum Frequency {
        DAILY, WEEKLY, MONTHLY, YEARLY
    }

    public Recurrence {
        weekdays = weekdays == null ? List.of() : List.copyOf(weekdays);
    }

    /** A rule given as RFC 5545 text alone. */
    public static Recurrence ofRule(String rrule) {
        return new Recurrence(rrule, null, null, List.of(), null, null, null, null, null);
    }

    /** Any of the pattern's fields given. */
    boolean hasPattern() {
        return frequency != null || interval != null || !weekdays.isEmpty() || weekdayPosition != null
                || dayOfMonth != null || month != null || count != null || until != null;
    }

    /**
     * The request as a fixed text, for the create's fingerprint: every field by name, in one order, so
     * that two requests asking for the same thing the same way have the same text.
     */
    String fingerprint() {
        return "rrule=" + (rrule == null ? "-" : rrule.length() + ":" + rrule)
                + ";frequency=" + (frequency == null ? "-" : frequency.name())
                + ";interval=" + (interval == null ? "-" : interval)
                + ";weekdays=" + weekdays.stream().map(DayOfWeek::name).toList()
                + ";weekdayPosition=" + (weekdayPosition == null ? "-" : weekdayPosition)
                + ";dayOfMonth=" + (dayOfMonth == null ? "-" : dayOfMonth)
                + ";month=" + (month == null ? "-" : month)
                + ";count=" + (count == null ? "-" : count)
                + ";until=" + (until == null ? "-" : until);
    }
}
