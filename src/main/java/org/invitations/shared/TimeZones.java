package org.invitations.shared;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Time zone ids as the contract takes them: IANA region ids (Europe/Oslo) and UTC. Offsets ("+01:00")
 * and the JDK's short ids ("CET" aside, "EST" and the like) are refused, since a calendar that repeats
 * in a fixed offset drifts from local time at every daylight-saving change.
 */
public final class TimeZones {

    /** The zone of appointments and associates written before time zones existed. */
    public static final String UTC = "UTC";

    private TimeZones() {
    }

    /** The zone named by {@code id}, or InvalidRequest naming {@code field}. */
    public static ZoneId parse(String field, String id) {
        if (id == null || id.isBlank()) {
            throw new InvalidRequest(field, "a time zone is an IANA id such as Europe/Oslo or UTC");
        }
        String trimmed = id.strip();
        if (trimmed.equals(UTC) || trimmed.equals("Etc/UTC")) {
            return ZoneOffset.UTC;
        }
        if (!trimmed.contains("/") || trimmed.startsWith("SystemV/")) {
            throw new InvalidRequest(field, "unknown time zone '" + id + "': give an IANA id such as Europe/Oslo,"
                    + " America/New_York or UTC (not an offset, an abbreviation or a Windows name)");
        }
        try {
            return ZoneId.of(trimmed);
        } catch (DateTimeException e) {
            throw new InvalidRequest(field, "unknown time zone '" + id + "': give an IANA id such as Europe/Oslo,"
                    + " America/New_York or UTC (not an offset, an abbreviation or a Windows name)");
        }
    }

    /** The id as stored and shown: "UTC" for UTC, otherwise the IANA id. */
    public static String idOf(ZoneId zone) {
        return zone.normalized().equals(ZoneOffset.UTC) && !zone.getId().contains("/") ? UTC : zone.getId();
    }
}
