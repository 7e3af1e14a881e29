package org.invitations.ws;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    @Test
    void valueWithoutOffsetIsUtcWhateverTheJvmZone() {
        // surefire runs the tests in Europe/Oslo, so a reading in the JVM's zone would show here
        assertEquals("2031-04-12T09:00:00Z", DateTimes.parse("2031-04-12T09:00:00").toInstant().toString());
    }

    @Test
    void microsecondsAreKeptExactly() {
        assertEquals(123_456_000, DateTimes.parse("2030-01-02T10:00:00.123456Z").getNano());
        assertEquals(123_456_000, DateTimes.parse("2030-01-02T10:00:00.1234560Z").getNano());
    }

    @Test
    void aDigitBeyondMicrosecondsIsRefusedNotCut() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> DateTimes.parse("2030-01-02T10:00:00.1234567Z"));
        assertTrue(refused.getMessage().contains("round it to 6 digits"), refused.getMessage());
    }

    @Test
    void printedWithTheFractionWhenThereIsOne() {
        assertEquals("2030-01-02T10:00:00.123456Z", DateTimes.print(DateTimes.toUtc(
                DateTimes.parse("2030-01-02T11:00:00.123456+01:00").toInstant())));
    }
}
