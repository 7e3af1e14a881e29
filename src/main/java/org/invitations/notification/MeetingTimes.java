package org.invitations.notification;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A meeting's time as people read it: local times in the zone it was written in, and the zone's IANA id,
 * "Mon 29 Mar 2027 09:00-10:00 (Europe/Oslo)"; a meeting in UTC reads "Mon 3 Mar 2031 09:00-10:30 UTC".
 * The id, not an abbreviation: "CST" is three different zones, and the id is what the iCalendar part and
 * the SOAP answers name. Plain ASCII (a hyphen, no dash) so that an SMS stays in the GSM alphabet.
 *
 * <p>The clock times are what a wall clock there shows: a meeting across a daylight-saving change shows
 * its local start and end as they are (01:30-03:30 for an hour across the spring change in Oslo).
 */
final class MeetingTimes {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private MeetingTimes() {
    }

    /** Start and end in {@code zone}; the end's date is repeated only when it falls on another local day. */
    static String format(Instant start, Instant end, ZoneId zone) {
        ZonedDateTime from = start.atZone(zone);
        ZonedDateTime to = end.atZone(zone);
        String range = from.toLocalDate().equals(to.toLocalDate())
                ? DAY.format(from) + " " + TIME.format(from) + "-" + TIME.format(to)
                : DAY.format(from) + " " + TIME.format(from) + " - " + DAY.format(to) + " " + TIME.format(to);
        return range + " " + zoneName(zone);
    }

    /** "UTC" for UTC (as every time this service gave out before zones), otherwise "(Europe/Oslo)". */
    static String zoneName(ZoneId zone) {
        if (zone.normalized().equals(ZoneOffset.UTC)) {
            return "UTC";
        }
        return "(" + zone.getId() + ")";
    }
}
