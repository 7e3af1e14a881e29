package org.invitations.directory;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.invitations.shared.InvalidRequest;

/**
 * When an associate can be booked by a search for a free time: these weekdays, from {@code start} to
 * {@code end} local time in the associate's zone (one span a day, never past midnight). Stored as text
 * ("MO,TU,WE,TH,FR", "08:00", "17:00") so that the rows read the way the contract writes them.
 */
public record WorkingHours(Set<DayOfWeek> days, LocalTime start, LocalTime end) {

    /** The default of every associate: Monday to Friday, 08:00-17:00. */
    public static final WorkingHours OFFICE = new WorkingHours(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            LocalTime.of(8, 0), LocalTime.of(17, 0));

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final String[] CODES = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

    public WorkingHours {
        days = days.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(days);
    }

    /**
     * Checked working hours from a request: at least one weekday, none twice, and an end after the start
     * on the same day; the fields named as {@code field/weekday}, {@code field/start}, {@code field/end}.
     */
    public static WorkingHours of(String field, List<DayOfWeek> weekdays, String start, String end) {
        if (weekdays == null || weekdays.isEmpty()) {
            throw new InvalidRequest(field + "/weekday", "working hours need at least one weekday");
        }
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (DayOfWeek day : weekdays) {
            if (!days.add(day)) {
                throw new InvalidRequest(field + "/weekday", "weekday " + code(day) + " is named twice; name each"
                        + " working day once");
            }
        }
        LocalTime from = time(field + "/start", start);
        LocalTime to = time(field + "/end", end);
        if (!to.isAfter(from)) {
            throw new InvalidRequest(field + "/end", "end " + end + " must be after start " + start
                    + " (working hours lie within one day)");
        }
        return new WorkingHours(days, from, to);
    }

    /** From the stored columns. */
    static WorkingHours stored(String days, String start, String end) {
        EnumSet<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
        for (String code : days.split(",")) {
            for (int i = 0; i < CODES.length; i++) {
                if (CODES[i].equals(code.trim())) {
                    set.add(DayOfWeek.of(i + 1));
                }
            }
        }
        return new WorkingHours(set, LocalTime.parse(start, HH_MM), LocalTime.parse(end, HH_MM));
    }

    /** "MO,TU,WE,TH,FR": the days in week order. */
    String storedDays() {
        return days.stream().map(WorkingHours::code).collect(Collectors.joining(","));
    }

    public String startText() {
        return start.format(HH_MM);
    }

    public String endText() {
        return end.format(HH_MM);
    }

    /** MO ... SU. */
    public static String code(DayOfWeek day) {
        return CODES[day.getValue() - 1];
    }

    /**
     * The working spans that overlap [from, to), as instants, in order: each working day's local start and
     * end in {@code zone}, by java.time's rules across a daylight-saving change (a time in the spring gap
     * moves forward by the gap; an autumn time that occurs twice is its earlier instant).
     */
    public List<Instant[]> spans(ZoneId zone, Instant from, Instant to) {
        List<Instant[]> spans = new ArrayList<>();
        LocalDate last = to.atZone(zone).toLocalDate().plusDays(1);
        for (LocalDate day = from.atZone(zone).toLocalDate().minusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
            if (!days.contains(day.getDayOfWeek())) {
                continue;
            }
            Instant begins = ZonedDateTime.of(day, start, zone).toInstant();
            Instant ends = ZonedDateTime.of(day, end, zone).toInstant();
            if (ends.isAfter(from) && begins.isBefore(to) && ends.isAfter(begins)) {
                spans.add(new Instant[] {begins, ends});
            }
        }
        return spans;
    }

    private static LocalTime time(String field, String text) {
        if (text == null || !text.matches("([01][0-9]|2[0-3]):[0-5][0-9]")) {
            throw new InvalidRequest(field, "'" + text + "' is not a time of day HH:MM such as 08:30");
        }
        try {
            return LocalTime.parse(text, HH_MM);
        } catch (DateTimeParseException e) {
            throw new InvalidRequest(field, "'" + text + "' is not a time of day HH:MM such as 08:30");
        }
    }
}
