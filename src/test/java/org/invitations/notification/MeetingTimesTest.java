package org.invitations.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Times as people read them: local wall-clock times in the meeting's zone, named by its IANA id, across
 * the 2027 spring changes (Europe/Oslo on 28 March, America/New_York on 14 March).
 */
class MeetingTimesTest {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static String times(String start, String end, ZoneId zone) {
        return MeetingTimes.format(Instant.parse(start), Instant.parse(end), zone);
    }

    @Test
    void aMeetingInOsloShowsOsloTimeAndNamesTheZone() {
        assertEquals("Mon 29 Mar 2027 09:00-10:00 (Europe/Oslo)",
                times("2027-03-29T07:00:00Z", "2027-03-29T08:00:00Z", OSLO));
    }

    @Test
    void nineInOsloIsEightUtcBeforeTheSpringChangeAndSevenUtcAfterIt() {
        assertEquals("Mon 22 Mar 2027 09:00-10:00 (Europe/Oslo)",
                times("2027-03-22T08:00:00Z", "2027-03-22T09:00:00Z", OSLO), "CET, UTC+1");
        assertEquals("Mon 29 Mar 2027 09:00-10:00 (Europe/Oslo)",
                times("2027-03-29T07:00:00Z", "2027-03-29T08:00:00Z", OSLO), "CEST, UTC+2");
    }

    @Test
    void nineInNewYorkIsFourteenUtcBeforeTheSpringChangeAndThirteenUtcAfterIt() {
        assertEquals("Mon 8 Mar 2027 09:00-10:00 (America/New_York)",
                times("2027-03-08T14:00:00Z", "2027-03-08T15:00:00Z", NEW_YORK), "EST, UTC-5");
        assertEquals("Mon 15 Mar 2027 09:00-10:00 (America/New_York)",
                times("2027-03-15T13:00:00Z", "2027-03-15T14:00:00Z", NEW_YORK), "EDT, UTC-4");
    }

    @Test
    void aMeetingAcrossTheChangeShowsTheWallClockAtItsStartAndItsEnd() {
        assertEquals("Sun 28 Mar 2027 01:30-04:30 (Europe/Oslo)",
                times("2027-03-28T00:30:00Z", "2027-03-28T02:30:00Z", OSLO), "two hours; 02:00-03:00 never happens");
        assertEquals("Sun 14 Mar 2027 01:30-03:30 (America/New_York)",
                times("2027-03-14T06:30:00Z", "2027-03-14T07:30:00Z", NEW_YORK), "one hour; 02:00-03:00 never happens");
    }

    @Test
    void aMeetingOverLocalMidnightShowsBothLocalDays() {
        assertEquals("Mon 29 Mar 2027 23:00 - Tue 30 Mar 2027 01:30 (Europe/Oslo)",
                times("2027-03-29T21:00:00Z", "2027-03-29T23:30:00Z", OSLO), "one day in UTC, two in Oslo");
        assertEquals("Mon 15 Mar 2027 19:00-21:00 (America/New_York)",
                times("2027-03-15T23:00:00Z", "2027-03-16T01:00:00Z", NEW_YORK), "two days in UTC, one in New York");
    }

    @Test
    void aMeetingInUtcKeepsTheTextItAlwaysHad() {
        assertEquals("Mon 3 Mar 2031 09:00-10:30 UTC",
                times("2031-03-03T09:00:00Z", "2031-03-03T10:30:00Z", ZoneOffset.UTC));
        assertEquals("Mon 3 Mar 2031 09:00-10:30 UTC",
                times("2031-03-03T09:00:00Z", "2031-03-03T10:30:00Z", ZoneId.of("UTC")), "as an appointment stores it");
        assertEquals("Mon 3 Mar 2031 22:00 - Tue 4 Mar 2031 06:00 UTC",
                times("2031-03-03T22:00:00Z", "2031-03-04T06:00:00Z", ZoneId.of("UTC")));
    }
}
