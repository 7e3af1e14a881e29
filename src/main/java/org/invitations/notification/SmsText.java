package org.invitations.notification;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The SMS about a meeting: "Meeting: Møte om årsbudsjett, Mon 3 Mar 2031 09:00-10:30 UTC, Room Oslo", or
 * "Cancelled: ..." without the location. At most {@value #MAX_LENGTH} characters, one SMS: when it would be
 * longer the location is shortened (or left out) first, then the title, each marked with "...".
 *
 * <p>The time is local time in the meeting's zone and names it: "Mon 29 Mar 2027 09:00-10:00 (Europe/Oslo)";
 * a meeting in UTC keeps "09:00-10:00 UTC" (see {@link MeetingTimes}). The text's own parts are plain ASCII,
 * and Norwegian letters (æ, ø, å) are in the GSM 7-bit alphabet, so such a text is one SMS; a character
 * outside that alphabet (an emoji, say) makes the gateway send UCS-2 with 70 characters a part, and split.
 *
 * <p>A series is one text: its first occurrence and how it repeats, "Meeting: Team meeting, Mon 15 Mar 2027
 * 09:00-10:00 (Europe/Oslo), repeats weekly, 10 times, Room Oslo", shortened by the same rules.
 */
public final class SmsText {

    /** One SMS in the GSM 7-bit alphabet. */
    public static final int MAX_LENGTH = 160;

    private static final String ELLIPSIS = "...";
    /** A location shorter than this after cutting says nothing; it is left out instead. */
    private static final int SHORTEST_LOCATION = 8;

    private SmsText() {
    }

    /** With the time in the zone the meeting was written in. */
    public static String of(MeetingSnapshot meeting, Method method) {
        return of(meeting, method, meeting.timeZone());
    }

    /** With the time in another {@code zone}, e.g. the recipient's. */
    public static String of(MeetingSnapshot meeting, Method method, ZoneId zone) {
        String prefix = method == Method.CANCEL ? "Cancelled: " : "Meeting: ";
        String when = ", " + MeetingTimes.format(meeting.start(), meeting.end(), zone)
                + (meeting.isSeries() ? ", repeats " + repeats(meeting.series().rrule(), zone) : "");
        String title = OneLine.of(meeting.title());
        String location = method == Method.CANCEL || meeting.location() == null ? null : OneLine.of(meeting.location());

        String text = compose(prefix, title, when, location);
        if (text.length() > MAX_LENGTH && location != null) {
            int room = location.length() - (text.length() - MAX_LENGTH);
            location = room >= SHORTEST_LOCATION ? cut(location, room) : null;
            text = compose(prefix, title, when, location);
        }
        if (text.length() > MAX_LENGTH) {
            title = cut(title, title.length() - (text.length() - MAX_LENGTH));
            text = compose(prefix, title, when, location);
        }
        return text;
    }

    /**
     * How a series repeats, briefly: "weekly, 10 times", "every 2 weeks until 17 May 2027", "monthly". The
     * iCalendar part has the exact rule; the text names its frequency, interval and end (UNTIL is stored in
     * UTC and shown as the local date of the last allowed start).
     */
    static String repeats(String rrule, ZoneId zone) {
        String frequency = null;
        int interval = 1;
        String count = null;
        String until = null;
        for (String part : rrule.toUpperCase(Locale.ROOT).split(";")) {
            String[] nameValue = part.split("=", 2);
            if (nameValue.length != 2) {
                continue;
            }
            switch (nameValue[0]) {
                case "FREQ" -> frequency = nameValue[1];
                case "INTERVAL" -> interval = Integer.parseInt(nameValue[1]);
                case "COUNT" -> count = nameValue[1];
                case "UNTIL" -> until = nameValue[1];
                default -> { }
            }
        }
        String unit = switch (frequency == null ? "" : frequency) {
            case "DAILY" -> "day";
            case "WEEKLY" -> "week";
            case "MONTHLY" -> "month";
            case "YEARLY" -> "year";
            default -> "time";
        };
        String every = interval == 1
                ? ("day".equals(unit) ? "daily" : "time".equals(unit) ? "regularly" : unit + "ly")
                : "every " + interval + " " + unit + "s";
        if (count != null) {
            return every + ", " + count + " times";
        }
        if (until != null) {
            return every + " until " + UNTIL_DAY.format(untilDate(until, zone));
        }
        return every;
    }

    private static final DateTimeFormatter UNTIL_DAY =
            DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH);

    private static LocalDate untilDate(String until, ZoneId zone) {
        if (until.length() == 8) {
            return LocalDate.parse(until, DateTimeFormatter.BASIC_ISO_DATE);
        }
        LocalDateTime local = LocalDateTime.parse(until.substring(0, 15),
                DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss"));
        return until.endsWith("Z") ? local.atOffset(ZoneOffset.UTC).atZoneSameInstant(zone).toLocalDate()
                : local.toLocalDate();
    }

    private static String compose(String prefix, String title, String when, String location) {
        return prefix + title + when + (location == null ? "" : ", " + location);
    }

    /** At most {@code length} characters, the last three of them "...", never half a surrogate pair. */
    private static String cut(String text, int length) {
        int end = Math.max(0, length - ELLIPSIS.length());
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end).stripTrailing() + ELLIPSIS;
    }

}
