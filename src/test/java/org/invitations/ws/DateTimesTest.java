package org.invitations.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DateTimesTest {

    @Test
    void printAlwaysHasSecondsAndOffset() {
        assertEquals("2030-01-02T10:00:00Z",
                DateTimes.print(OffsetDateTime.of(2030, 1, 2, 10, 0, 0, 0, ZoneOffset.UTC)));
    }

    @Test
    void offsetIsKept() {
        OffsetDateTime parsed = DateTimes.parse("2030-01-02T10:00:00+01:00");

        assertEquals(ZoneOffset.ofHours(1), parsed.getOffset());
        assertEquals("2030-01-02T09:00:00Z", DateTimes.toInstant(parsed).toString());
    }

    @Test
    void valueWithoutOffsetIsReadAsUtc() {
        assertEquals("2030-01-02T10:00:00Z", DateTimes.parse("2030-01-02T10:00:00").toInstant().toString());
    }

    @Test
    void fractionsSurvive() {
        assertEquals(123_000_000, DateTimes.parse("2030-01-02T10:00:00.123Z").getNano());
    }
}
