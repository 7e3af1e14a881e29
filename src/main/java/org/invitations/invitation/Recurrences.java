package org.invitations.invitation;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.WeekDay;
import net.fortuna.ical4j.transform.recurrence.Frequency;
import org.invitations.shared.InvalidRequest;

/**
 * The rules of a series, in one pure class: a {@link Recurrence} (pattern or RFC 5545 text) is checked,
 * normalised to the RRULE text that is stored and sent, and expanded in the series' zone with ical4j's
 * {@link Recur} into every occurrence's slot.
 *
 * <p>Expansion runs on local date-times (the first start as the zone shows it), and each local start is
 * placed in the zone as RFC 5545 §3.3.5 says, which is {@link ZonedDateTime#of}: a local time in the
 * spring-forward gap moves forward by the length of the gap (02:30 becomes 03:30 on the changeover
 * day), and an ambiguous local time in the autumn overlap is the earlier (summer-time) instant. So a 09:00
 * meeting stays 09:00 local across daylight-saving changes. An occurrence lasts exactly as long as the
 * first (RFC 5545 §3.8.5.3).
 *
 * <p>Expansion is bounded whatever the rule: it reads at most {@link #MAX_OCCURRENCES} + 1 dates between
 * the first start and {@link #HORIZON} + 1 day after it (ical4j's {@code maxincrementcount} also stops a
 * rule that matches nothing), and the bounds are then checked.
 */
public final class Recurrences {

    /** The most occurrences of one series: a daily stand-up for two years. */
    public static final int MAX_OCCURRENCES = 730;
    /** The last occurrence starts at most this long after the first (in the series' zone). */
    public static final java.time.Period HORIZON = java.time.Period.ofYears(2);
    /** The most records one series writes: occurrences x (participants + the owner's record). */
    public static final int MAX_RECORDS = 20_000;

    static final String FIELD = "recurrence";
    static final String RRULE = "recurrence/rrule";
    static final String COUNT = "recurrence/count";
    static final String UNTIL = "recurrence/until";

    private static final DateTimeFormatter UTC_DATE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private Recurrences() {
    }

    /**
     * Checks the recurrence against a first occurrence [start, end) in {@code zone} and expands it. Refused
     * with InvalidRequest naming the field: a rule that cannot be read, one without an end or with both
     * ends, one that repeats more than once a day, more than {@link #MAX_OCCURRENCES} occurrences or a last
     * one more than {@link #HORIZON} after the first, more than {@link #MAX_RECORDS} records
     * ({@code recordsPerOccurrence} each), a start that is not itself an occurrence, and occurrences that
     * overlap each other.
     */
    public static SeriesRule expand(Recurrence recurrence, ZoneId zone, Instant start, Instant end,
                                    int recordsPerOccurrence) {
        if (recurrence == null) {
            throw new InvalidRequest(FIELD, "a recurrence needs rrule or frequency");
        }
        LocalDateTime seed = LocalDateTime.ofInstant(start, zone);
        boolean text = recurrence.rrule() != null;
        if (text && recurrence.hasPattern()) {
            throw new InvalidRequest(FIELD, "give either rrule or frequency (with its pattern), not both");
        }
        if (!text && recurrence.frequency() == null) {
            throw new InvalidRequest(FIELD, "a recurrence needs rrule or frequency");
        }
        String written = text ? recurrence.rrule() : pattern(recurrence, zone, seed);
        Recur<LocalDateTime> rule = parse(written, text ? RRULE : FIELD);
        String countField = text ? RRULE : COUNT;
        String untilField = text ? RRULE : UNTIL;
        Instant until = untilOf(rule, zone, seed, untilField);
        String body = body(rule);
        String stored = body + (until == null ? ";COUNT=" + rule.getCount() : ";UNTIL=" + UTC_DATE_TIME.format(until));

        if (rule.getCount() > MAX_OCCURRENCES) {
            throw new InvalidRequest(countField, "a series has at most " + MAX_OCCURRENCES + " occurrences, not "
                    + rule.getCount());
        }
        Recur<LocalDateTime> endless = new Recur<>(body);
        LocalDateTime horizon = seed.plus(HORIZON);
        if (until != null && until.isAfter(ZonedDateTime.of(horizon, zone).toInstant())) {
            throw new InvalidRequest(untilField, beyondHorizon(seed, horizon));
        }
        List<LocalDateTime> locals = endless.getDates(seed, seed, horizon.plusDays(1), MAX_OCCURRENCES + 1);
        if (locals.isEmpty() || !locals.get(0).equals(seed)) {
            throw new InvalidRequest("start", notAnOccurrence(seed, rule, locals));
        }
        List<Instant> starts = new ArrayList<>();
        for (LocalDateTime local : locals) {
            Instant at = ZonedDateTime.of(local, zone).toInstant();
            if (until != null && at.isAfter(until)) {
                break;
            }
            if (until == null && starts.size() == rule.getCount()) {
                break;
            }
            starts.add(at);
        }
        if (starts.isEmpty()) {
            throw new InvalidRequest(untilField, "until is before the first occurrence (" + seed.toLocalDate()
                    + "); it is the last day an occurrence may start on");
        }
        if (starts.size() > MAX_OCCURRENCES) {
            throw new InvalidRequest(untilField, "a series has at most " + MAX_OCCURRENCES
                    + " occurrences; this one has more before its until: end it earlier");
        }
        boolean tooFew = until == null && starts.size() < rule.getCount();
        Instant last = starts.get(starts.size() - 1);
        if (tooFew || last.isAfter(ZonedDateTime.of(horizon, zone).toInstant())) {
            throw new InvalidRequest(until == null ? countField : untilField, beyondHorizon(seed, horizon));
        }
        if ((long) starts.size() * recordsPerOccurrence > MAX_RECORDS) {
            throw new InvalidRequest(FIELD, "a series writes at most " + MAX_RECORDS + " records (occurrences x"
                    + " (participants + the owner's record)); " + starts.size() + " x " + recordsPerOccurrence
                    + " is " + (long) starts.size() * recordsPerOccurrence + ": fewer occurrences or participants");
        }
        Duration length = Duration.between(start, end);
        List<SeriesRule.Slot> slots = new ArrayList<>(starts.size());
        for (int i = 0; i < starts.size(); i++) {
            Instant at = starts.get(i);
            if (i > 0 && at.isBefore(slots.get(i - 1).end())) {
                throw new InvalidRequest("end", "occurrences of a series must not overlap: each lasts "
                        + length.toMinutes() + " minutes, and occurrence " + (i + 1) + " starts "
                        + Duration.between(starts.get(i - 1), at).toMinutes() + " minutes after the one before");
            }
            slots.add(new SeriesRule.Slot(at, at.plus(length)));
        }
        return new SeriesRule(stored, zone, slots);
    }

    /**
     * The pattern as RRULE text: FREQ, INTERVAL, BYMONTH, BYMONTHDAY, BYDAY and the end. A weekly series
     * without weekdays repeats on the first start's; a yearly one by day or weekday position in the first
     * start's month unless one is named (RFC 5545 would otherwise repeat it every month).
     */
    static String pattern(Recurrence r, ZoneId zone, LocalDateTime seed) {
        Recurrence.Frequency frequency = r.frequency();
        boolean byPosition = r.weekdayPosition() != null;
        boolean monthlyOrYearly = frequency == Recurrence.Frequency.MONTHLY || frequency == Recurrence.Frequency.YEARLY;
        if (byPosition && !monthlyOrYearly) {
            throw new InvalidRequest(FIELD + "/weekdayPosition", "a weekday position (the first, ..., the last)"
                    + " is for MONTHLY or YEARLY series");
        }
        if (byPosition && (r.weekdayPosition() == 0 || Math.abs(r.weekdayPosition()) > 5)) {
            throw new InvalidRequest(FIELD + "/weekdayPosition", "a weekday position is 1 to 5 or -1 to -5, not "
                    + r.weekdayPosition());
        }
        if (byPosition && r.weekdays().isEmpty()) {
            throw new InvalidRequest(FIELD + "/weekday", "a weekday position needs the weekday it counts"
                    + " (weekdayPosition -1 with weekday FR is the last Friday)");
        }
        if (r.dayOfMonth() != null && !monthlyOrYearly) {
            throw new InvalidRequest(FIELD + "/dayOfMonth", "a day of month is for MONTHLY or YEARLY series");
        }
        if (r.dayOfMonth() != null && (byPosition || !r.weekdays().isEmpty())) {
            throw new InvalidRequest(FIELD + "/dayOfMonth", "give a day of month or weekdays, not both");
        }
        if (r.dayOfMonth() != null && (r.dayOfMonth() == 0 || Math.abs(r.dayOfMonth()) > 31)) {
            throw new InvalidRequest(FIELD + "/dayOfMonth", "a day of month is 1 to 31 or -1 (the last) to -31,"
                    + " not " + r.dayOfMonth());
        }
        if (r.month() != null && frequency != Recurrence.Frequency.YEARLY) {
            throw new InvalidRequest(FIELD + "/month", "a month is for YEARLY series");
        }
        if (r.month() != null && (r.month() < 1 || r.month() > 12)) {
            throw new InvalidRequest(FIELD + "/month", "a month is 1 to 12, not " + r.month());
        }
        if (r.interval() != null && (r.interval() < 1 || r.interval() > 99)) {
            throw new InvalidRequest(FIELD + "/interval", "an interval is 1 to 99, not " + r.interval());
        }
        if (r.count() != null && r.until() != null) {
            throw new InvalidRequest(UNTIL, "give count or until, not both");
        }
        if (r.count() == null && r.until() == null) {
            throw new InvalidRequest(FIELD, "a series needs an end: count or until");
        }
        if (r.count() != null && r.count() < 1) {
            throw new InvalidRequest(COUNT, "count is at least 1, not " + r.count());
        }
        StringBuilder rule = new StringBuilder("FREQ=").append(frequency.name());
        if (r.interval() != null && r.interval() > 1) {
            rule.append(";INTERVAL=").append(r.interval());
        }
        if (frequency == Recurrence.Frequency.YEARLY && (r.month() != null || r.dayOfMonth() != null || byPosition)) {
            rule.append(";BYMONTH=").append(r.month() != null ? r.month() : seed.getMonthValue());
        }
        if (r.dayOfMonth() != null) {
            rule.append(";BYMONTHDAY=").append(r.dayOfMonth());
        }
        List<DayOfWeek> days = r.weekdays();
        if (days.isEmpty() && frequency == Recurrence.Frequency.WEEKLY) {
            days = List.of(seed.getDayOfWeek());
        }
        if (!days.isEmpty()) {
            String position = byPosition ? r.weekdayPosition().toString() : "";
            rule.append(";BYDAY=").append(days.stream().distinct().sorted()
                    .map(day -> position + code(day)).collect(Collectors.joining(",")));
        }
        if (r.count() != null) {
            rule.append(";COUNT=").append(r.count());
        } else {
            Instant last = ZonedDateTime.of(r.until(), seed.toLocalTime(), zone).toInstant();
            rule.append(";UNTIL=").append(UTC_DATE_TIME.format(last));
        }
        return rule.toString();
    }

    /** The rule read by ical4j, or what is wrong with it; refused when it repeats more than once a day. */
    static Recur<LocalDateTime> parse(String text, String field) {
        String value = text.strip();
        if (value.regionMatches(true, 0, "RRULE:", 0, 6)) {
            value = value.substring(6);
        }
        value = value.toUpperCase(Locale.ROOT);
        Recur<LocalDateTime> rule;
        try {
            rule = new Recur<>(value);
        } catch (RuntimeException e) {
            throw new InvalidRequest(field, "the rule '" + text + "' cannot be read: " + reason(e)
                    + "; write it as RFC 5545 does, e.g. FREQ=WEEKLY;BYDAY=MO;COUNT=10");
        }
        Frequency frequency = rule.getFrequency();
        if (frequency == Frequency.SECONDLY || frequency == Frequency.MINUTELY || frequency == Frequency.HOURLY) {
            throw new InvalidRequest(field, "a series occurs at most once a day, at the first occurrence's time;"
                    + " FREQ=" + frequency + " is not taken (DAILY, WEEKLY, MONTHLY or YEARLY)");
        }
        if (!rule.getHourList().isEmpty() || !rule.getMinuteList().isEmpty() || !rule.getSecondList().isEmpty()) {
            throw new InvalidRequest(field, "a series occurs at most once a day, at the first occurrence's time;"
                    + " BYHOUR, BYMINUTE and BYSECOND are not taken");
        }
        if (!rule.getExperimentalValues().isEmpty() || rule.getSkip() != null) {
            throw new InvalidRequest(field, "the rule '" + text + "' has parts a mail client may not understand"
                    + " (X- names, RSCALE, SKIP); leave them out");
        }
        if (rule.getCount() > 0 && rule.getUntil() != null) {
            throw new InvalidRequest(field, "a rule has COUNT or UNTIL, not both (RFC 5545)");
        }
        if (rule.getCount() <= 0 && rule.getUntil() == null) {
            throw new InvalidRequest(field, "a series needs an end: COUNT or UNTIL");
        }
        return rule;
    }

    /**
     * UNTIL as the UTC instant of the last start it allows: a UTC (or offset) date-time as it is; a date
     * is the last day, at the first start's local time in the zone; a floating date-time is local to the zone.
     */
    private static Instant untilOf(Recur<LocalDateTime> rule, ZoneId zone, LocalDateTime seed, String field) {
        // read through a wildcard: ical4j keeps a UTC UNTIL as an OffsetDateTime whatever the rule's type
        Temporal until = ((Recur<?>) rule).getUntil();
        if (until == null) {
            return null;
        }
        if (until instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (until instanceof ZonedDateTime zoned) {
            return zoned.toInstant();
        }
        if (until instanceof Instant instant) {
            return instant;
        }
        if (until instanceof LocalDate date) {
            return ZonedDateTime.of(date, seed.toLocalTime(), zone).toInstant();
        }
        if (until instanceof LocalDateTime local) {
            return ZonedDateTime.of(local, zone).toInstant();
        }
        throw new InvalidRequest(field, "UNTIL " + until + " cannot be read; give a UTC date-time (20271231T235959Z)");
    }

    /**
     * A stored rule cut short: its end (COUNT or UNTIL) replaced by UNTIL = the second before {@code next},
     * the first start it must no longer produce ("this and following" from there is cancelled or split off).
     */
    static String endingBefore(String rrule, Instant next) {
        return withoutEnd(rrule) + ";UNTIL=" + UTC_DATE_TIME.format(next.minusSeconds(1));
    }

    /** A stored rule whose last start moved: UNTIL becomes that start; a COUNT stays as it is. */
    static String withLastStart(String rrule, Instant lastStart) {
        return countOf(rrule) > 0 ? rrule : withoutEnd(rrule) + ";UNTIL=" + UTC_DATE_TIME.format(lastStart);
    }

    /**
     * The stored rule of the series split off at its {@code k}-th occurrence (from 1): the same rule
     * started there, so COUNT is reduced by k - 1 and an UNTIL is kept.
     */
    static String from(String rrule, int k) {
        int count = countOf(rrule);
        if (count == 0) {
            return rrule;
        }
        if (k < 1 || k > count) {
            throw new IllegalArgumentException("occurrence " + k + " of a rule of " + count);
        }
        return withoutEnd(rrule) + ";COUNT=" + (count - k + 1);
    }

    /** The COUNT of a stored rule, 0 when it ends by UNTIL. */
    static int countOf(String rrule) {
        for (String part : rrule.split(";")) {
            if (part.startsWith("COUNT=")) {
                return Integer.parseInt(part.substring(6));
            }
        }
        return 0;
    }

    private static String withoutEnd(String rrule) {
        return java.util.Arrays.stream(rrule.split(";"))
                .filter(part -> !part.startsWith("COUNT=") && !part.startsWith("UNTIL="))
                .collect(Collectors.joining(";"));
    }

    /** The rule's parts in one order, its end left out: FREQ, INTERVAL, BYMONTH, ..., BYDAY, BYSETPOS, WKST. */
    static String body(Recur<?> rule) {
        StringBuilder text = new StringBuilder("FREQ=").append(rule.getFrequency());
        if (rule.getInterval() > 1) {
            text.append(";INTERVAL=").append(rule.getInterval());
        }
        part(text, "BYMONTH", rule.getMonthList());
        part(text, "BYWEEKNO", rule.getWeekNoList());
        part(text, "BYYEARDAY", rule.getYearDayList());
        part(text, "BYMONTHDAY", rule.getMonthDayList());
        part(text, "BYDAY", rule.getDayList());
        part(text, "BYSETPOS", rule.getSetPosList());
        if (rule.getWeekStartDay() != null) {
            text.append(";WKST=").append(rule.getWeekStartDay());
        }
        return text.toString();
    }

    private static void part(StringBuilder text, String name, List<?> values) {
        if (!values.isEmpty()) {
            text.append(';').append(name).append('=')
                    .append(values.stream().map(Object::toString).collect(Collectors.joining(",")));
        }
    }

    private static String notAnOccurrence(LocalDateTime seed, Recur<LocalDateTime> rule, List<LocalDateTime> locals) {
        String day = seed.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        String repeats = rule.getDayList().isEmpty() ? "" : "; the rule repeats on "
                + rule.getDayList().stream().map(WeekDay::toString).collect(Collectors.joining(","));
        String first = locals.isEmpty() ? "it has no occurrence within " + HORIZON.getYears() + " years"
                : "its first occurrence from then is " + locals.get(0).toLocalDate();
        return seed.toLocalDate() + " is a" + (day.startsWith("A") || day.startsWith("E") ? "n " : " ") + day
                + repeats + ", so start is not an occurrence of the rule (" + first
                + "): start the series on its first occurrence";
    }

    private static String beyondHorizon(LocalDateTime seed, LocalDateTime horizon) {
        return "the last occurrence of a series starts at most " + HORIZON.getYears() + " years after the first ("
                + seed.toLocalDate() + "); this one goes beyond " + horizon.toLocalDate()
                + ": give a smaller count or an earlier until";
    }

    private static String code(DayOfWeek day) {
        return day.name().substring(0, 2);
    }

    private static String reason(RuntimeException e) {
        String message = e.getMessage();
        if (e instanceof NumberFormatException) {
            return "a number is expected (" + message + ")";
        }
        if (message != null && message.startsWith("No enum constant ")) {
            String constant = message.substring(message.lastIndexOf('.') + 1);
            return "'" + constant + "' is not a known value there";
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
