package org.invitations.notification;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.TimeZone;

/**
 * A meeting's time as people read it, in one zone that the text names: "Mon 3 Mar 2031 09:00-10:00 UTC".
 * Plain ASCII (a hyphen, no dash) so that an SMS stays in the GSM alphabet.
 */
final class MeetingTimes {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private MeetingTimes() {
    }

    /** Start and end in {@code zone}; the end's date is repeated only when it falls on another day. */
    static String format(Instant start, Instant end, ZoneId zone) {
        ZonedDateTime from = start.atZone(zone);
        ZonedDateTime to = end.atZone(zone);
        String range = from.toLocalDate().equals(to.toLocalDate())
                ? DAY.format(from) + " " + TIME.format(from) + "-" + TIME.format(to)
                : DAY.format(from) + " " + TIME.format(from) + " - " + DAY.format(to) + " " + TIME.format(to);
        return range + " " + zoneName(zone, start);
    }

    /** "UTC" for UTC, otherwise the zone's short English name at that instant ("CET", "CEST"). */
    static String zoneName(ZoneId zone, Instant at) {
        if (zone.normalized().equals(ZoneOffset.UTC)) {
            return "UTC";
        }
        boolean summer = zone.getRules().isDaylightSavings(at);
        return TimeZone.getTimeZone(zone).getDisplayName(summer, TimeZone.SHORT, Locale.ENGLISH);
    }
}
