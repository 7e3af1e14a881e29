package org.invitations.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.invitations.shared.InvalidRequest;
import org.junit.jupiter.api.Test;

/** The series rules on their own: RRULE text, expansion in the zone, daylight saving, every refusal. */
class RecurrencesTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private static Instant oslo(int year, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(LocalDateTime.of(year, month, day, hour, minute), OSLO).toInstant();
    }

    private static Recurrence weekly(Integer count, LocalDate until, DayOfWeek... days) {
        return new Recurrence(null, Recurrence.Frequency.WEEKLY, null, List.of(days), null, null, null, count, until);
    }

    private static SeriesRule expand(Recurrence recurrence, Instant start, Duration length) {
        return Recurrences.expand(recurrence, OSLO, start, start.plus(length), 2);
    }

    private static InvalidRequest refused(Recurrence recurrence, Instant start, Duration length, int records) {
        return assertThrows(InvalidRequest.class,
                () -> Recurrences.expand(recurrence, OSLO, start, start.plus(length), records));
    }

    @Test
    void aWeeklyNineOClockInOsloStaysNineAcrossTheSpringChange() {
        SeriesRule rule = expand(weekly(10, null), oslo(2027, 3, 15, 9, 0), Duration.ofHours(1));

        assertEquals("FREQ=WEEKLY;BYDAY=MO;COUNT=10", rule.rrule());
        assertEquals(10, rule.occurrences().size());
        assertEquals(Instant.parse("2027-03-15T08:00:00Z"), rule.occurrences().get(0).start());
        assertEquals(Instant.parse("2027-03-22T08:00:00Z"), rule.occurrences().get(1).start());
        assertEquals(Instant.parse("2027-03-29T07:00:00Z"), rule.occurrences().get(2).start());
        assertEquals(Instant.parse("2027-05-17T07:00:00Z"), rule.occurrences().get(9).start());
        rule.occurrences().forEach(slot -> {
            assertEquals(Duration.ofHours(1), Duration.between(slot.start(), slot.end()));
            assertEquals(9, slot.start().atZone(OSLO).getHour());
        });
    }

    @Test
    void theLastFridayOfEveryMonthFollowsTheMonthsLength() {
        Recurrence lastFriday = new Recurrence(null, Recurrence.Frequency.MONTHLY, null, List.of(DayOfWeek.FRIDAY),
                -1, null, null, 4, null);

        SeriesRule rule = expand(lastFriday, oslo(2027, 1, 29, 14, 0), Duration.ofMinutes(90));

        assertEquals("FREQ=MONTHLY;BYDAY=-1FR;COUNT=4", rule.rrule());
        assertEquals(List.of(LocalDate.of(2027, 1, 29), LocalDate.of(2027, 2, 26), LocalDate.of(2027, 3, 26),
                        LocalDate.of(2027, 4, 30)),
                rule.occurrences().stream().map(s -> s.start().atZone(OSLO).toLocalDate()).toList());
    }

    @Test
    void theSameRuleAsTextGivesTheSameSeries() {
        SeriesRule fromText = expand(Recurrence.ofRule("rrule:freq=monthly;byday=-1fr;count=4"),
                oslo(2027, 1, 29, 14, 0), Duration.ofMinutes(90));

        assertEquals("FREQ=MONTHLY;BYDAY=-1FR;COUNT=4", fromText.rrule());
        assertEquals(Instant.parse("2027-04-30T12:00:00Z"), fromText.lastStart());
    }

    @Test
    void untilIsTheLastDayAnOccurrenceMayStartOnAndIsStoredInUtc() {
        SeriesRule rule = expand(weekly(null, LocalDate.of(2027, 3, 29)), oslo(2027, 3, 15, 9, 0),
                Duration.ofHours(1));

        assertEquals(3, rule.occurrences().size());
        assertEquals("FREQ=WEEKLY;BYDAY=MO;UNTIL=20270329T070000Z", rule.rrule());
        assertEquals(Instant.parse("2027-03-29T07:00:00Z"), rule.lastStart());
    }

    @Test
    void aUtcUntilInTheTextIsInclusive() {
        SeriesRule rule = expand(Recurrence.ofRule("FREQ=DAILY;UNTIL=20270317T080000Z"), oslo(2027, 3, 15, 9, 0),
                Duration.ofHours(1));

        assertEquals(3, rule.occurrences().size());
        assertEquals("FREQ=DAILY;UNTIL=20270317T080000Z", rule.rrule());
    }

    @Test
    void aStartInTheSpringGapMovesForwardByTheGapOnTheChangeoverDayOnly() {
        SeriesRule rule = expand(Recurrence.ofRule("FREQ=DAILY;COUNT=3"), oslo(2027, 3, 27, 2, 30),
                Duration.ofMinutes(30));

        assertEquals(List.of(LocalDateTime.of(2027, 3, 27, 2, 30), LocalDateTime.of(2027, 3, 28, 3, 30),
                        LocalDateTime.of(2027, 3, 29, 2, 30)),
                rule.occurrences().stream().map(s -> LocalDateTime.ofInstant(s.start(), OSLO)).toList());
        assertEquals(Instant.parse("2027-03-28T01:30:00Z"), rule.occurrences().get(1).start());
    }

    @Test
    void anAmbiguousAutumnTimeIsTheEarlierInstant() {
        SeriesRule rule = expand(Recurrence.ofRule("FREQ=DAILY;COUNT=3"), oslo(2027, 10, 30, 2, 30),
                Duration.ofMinutes(15));

        // 2027-10-31 02:30 happens twice in Oslo: first at +02:00 (00:30Z), then at +01:00 (01:30Z)
        assertEquals(Instant.parse("2027-10-31T00:30:00Z"), rule.occurrences().get(1).start());
        assertEquals(Instant.parse("2027-11-01T01:30:00Z"), rule.occurrences().get(2).start());
    }

    @Test
    void aSeriesWithoutAnEndIsRefused() {
        assertEquals("recurrence", refused(weekly(null, null), oslo(2027, 3, 15, 9, 0), Duration.ofHours(1), 2)
                .field());
        InvalidRequest text = refused(Recurrence.ofRule("FREQ=WEEKLY"), oslo(2027, 3, 15, 9, 0), Duration.ofHours(1), 2);
        assertEquals("recurrence/rrule", text.field());
        assertTrue(text.getMessage().contains("needs an end"), text.getMessage());
    }

    @Test
    void countAndUntilTogetherAreRefused() {
        assertEquals("recurrence/until", refused(weekly(3, LocalDate.of(2027, 4, 1)), oslo(2027, 3, 15, 9, 0),
                Duration.ofHours(1), 2).field());
        assertEquals("recurrence/rrule", refused(Recurrence.ofRule("FREQ=DAILY;COUNT=3;UNTIL=20270401T000000Z"),
                oslo(2027, 3, 15, 9, 0), Duration.ofHours(1), 2).field());
    }

    @Test
    void aRuleMoreOftenThanDailyIsRefused() {
        for (String rule : List.of("FREQ=HOURLY;COUNT=3", "FREQ=MINUTELY;COUNT=3", "FREQ=SECONDLY;COUNT=3",
                "FREQ=DAILY;BYHOUR=9,15;COUNT=3", "FREQ=DAILY;BYMINUTE=0,30;COUNT=3", "FREQ=DAILY;BYSECOND=1;COUNT=3")) {
            InvalidRequest refusal = refused(Recurrence.ofRule(rule), oslo(2027, 3, 15, 9, 0), Duration.ofMinutes(10), 2);
            assertEquals("recurrence/rrule", refusal.field(), rule);
            assertTrue(refusal.getMessage().contains("at most once a day"), refusal.getMessage());
        }
    }

    @Test
    void anUnreadableRuleSaysWhatIsWrong() {
        InvalidRequest frequency = refused(Recurrence.ofRule("FREQ=FORTNIGHTLY;COUNT=3"), oslo(2027, 3, 15, 9, 0),
                Duration.ofHours(1), 2);
        assertEquals("recurrence/rrule", frequency.field());
        assertTrue(frequency.getMessage().contains("'FORTNIGHTLY' is not a known value"), frequency.getMessage());
        InvalidRequest count = refused(Recurrence.ofRule("FREQ=DAILY;COUNT=ten"), oslo(2027, 3, 15, 9, 0),
                Duration.ofHours(1), 2);
        assertTrue(count.getMessage().contains("a number is expected"), count.getMessage());
        assertEquals("recurrence/rrule", refused(Recurrence.ofRule("BYDAY=MO;COUNT=3"), oslo(2027, 3, 15, 9, 0),
                Duration.ofHours(1), 2).field());
    }

    @Test
    void moreThanSevenHundredThirtyOccurrencesAreRefused() {
        assertEquals("recurrence/rrule", refused(Recurrence.ofRule("FREQ=DAILY;COUNT=731"), oslo(2027, 3, 15, 9, 0),
                Duration.ofHours(1), 2).field());
        InvalidRequest daily = refused(new Recurrence(null, Recurrence.Frequency.DAILY, null, null, null, null, null,
                null, LocalDate.of(2029, 3, 15)), oslo(2027, 3, 15, 9, 0), Duration.ofHours(1), 2);
        assertEquals("recurrence/until", daily.field());
        assertTrue(daily.getMessage().contains("at most 730"), daily.getMessage());
    }

    @Test
    void aLastOccurrenceMoreThanTwoYearsAfterTheFirstIsRefused() {
        InvalidRequest yearly = refused(new Recurrence(null, Recurrence.Frequency.YEARLY, null, null, null, null,
                null, 4, null), oslo(2027, 3, 15, 9, 0), Duration.ofHours(1), 2);
        assertEquals("recurrence/count", yearly.field());
        assertTrue(yearly.getMessage().contains("2 years"), yearly.getMessage());
        assertEquals("recurrence/until", refused(new Recurrence(null, Recurrence.Frequency.MONTHLY, null, null, null,
                null, null, null, LocalDate.of(2029, 4, 1)), oslo(2027, 3, 15, 9, 0), Duration.ofHours(1), 2).field());
        assertEquals(3, expand(new Recurrence(null, Recurrence.Frequency.YEARLY, null, null, null, null, null, 3,
                null), oslo(2027, 3, 15, 9, 0), Duration.ofHours(1)).occurrences().size());
    }

    @Test
    void moreThanTwentyThousandRecordsAreRefused() {
        InvalidRequest refusal = refused(weekly(52, null), oslo(2027, 3, 15, 9, 0), Duration.ofHours(1), 400);
        assertEquals("recurrence", refusal.field());
        assertTrue(refusal.getMessage().contains("20800"), refusal.getMessage());
        assertEquals(52, Recurrences.expand(weekly(52, null), OSLO, oslo(2027, 3, 15, 9, 0),
                oslo(2027, 3, 15, 10, 0), 301).occurrences().size());
    }

    @Test
    void aStartThatIsNoOccurrenceOfTheRuleIsRefused() {
        InvalidRequest refusal = refused(weekly(10, null, DayOfWeek.MONDAY), oslo(2027, 3, 23, 9, 0),
                Duration.ofHours(1), 2);
        assertEquals("start", refusal.field());
        assertTrue(refusal.getMessage().startsWith("2027-03-23 is a Tuesday; the rule repeats on MO"),
                refusal.getMessage());
    }

    @Test
    void occurrencesThatOverlapEachOtherAreRefused() {
        assertEquals("end", refused(new Recurrence(null, Recurrence.Frequency.DAILY, null, null, null, null, null, 5,
                null), oslo(2027, 3, 15, 9, 0), Duration.ofHours(25), 2).field());
    }

    @Test
    void aPatternFieldThatDoesNotFitTheFrequencyIsRefusedByName() {
        Instant monday = oslo(2027, 3, 15, 9, 0);
        assertEquals("recurrence/weekdayPosition", refused(new Recurrence(null, Recurrence.Frequency.WEEKLY, null,
                List.of(DayOfWeek.MONDAY), 1, null, null, 3, null), monday, Duration.ofHours(1), 2).field());
        assertEquals("recurrence/weekday", refused(new Recurrence(null, Recurrence.Frequency.MONTHLY, null,
                null, -1, null, null, 3, null), monday, Duration.ofHours(1), 2).field());
        assertEquals("recurrence/dayOfMonth", refused(new Recurrence(null, Recurrence.Frequency.DAILY, null,
                null, null, 15, null, 3, null), monday, Duration.ofHours(1), 2).field());
        assertEquals("recurrence/month", refused(new Recurrence(null, Recurrence.Frequency.MONTHLY, null,
                null, null, 15, 3, 3, null), monday, Duration.ofHours(1), 2).field());
        assertEquals("recurrence", refused(new Recurrence("FREQ=DAILY;COUNT=2", Recurrence.Frequency.DAILY, null,
                null, null, null, null, null, null), monday, Duration.ofHours(1), 2).field());
        assertEquals("recurrence", refused(new Recurrence(null, null, null, null, null, null, null, 3, null), monday,
                Duration.ofHours(1), 2).field());
    }

    @Test
    void aYearlySeriesByDayOfMonthStaysInTheFirstStartsMonth() {
        SeriesRule rule = expand(new Recurrence(null, Recurrence.Frequency.YEARLY, null, null, null, 15, null, 2,
                null), oslo(2027, 3, 15, 9, 0), Duration.ofHours(1));

        assertEquals("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15;COUNT=2", rule.rrule());
        assertEquals(Instant.parse("2028-03-15T08:00:00Z"), rule.lastStart());
    }

    @Test
    void aTaskSeriesHasZeroLengthOccurrences() {
        SeriesRule rule = Recurrences.expand(Recurrence.ofRule("FREQ=WEEKLY;INTERVAL=2;COUNT=3"), OSLO,
                oslo(2027, 3, 15, 16, 0), oslo(2027, 3, 15, 16, 0), 2);

        assertEquals("FREQ=WEEKLY;INTERVAL=2;COUNT=3", rule.rrule());
        rule.occurrences().forEach(slot -> assertEquals(slot.start(), slot.end()));
    }
}
