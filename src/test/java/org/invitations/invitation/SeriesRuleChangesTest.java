package org.invitations.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How an owner's change rewrites a stored rule: cut short before an occurrence, split off from one, moved. */
class SeriesRuleChangesTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final Instant FIRST = Instant.parse("2027-03-15T08:00:00Z");

    private static List<Instant> starts(String rrule, Instant first) {
        Recurrence rule = new Recurrence(rrule, null, null, List.of(), null, null, null, null, null);
        return Recurrences.expand(rule, OSLO, first, first.plusSeconds(3600), 3).occurrences().stream()
                .map(SeriesRule.Slot::start).toList();
    }

    @Test
    void aRuleCutShortBeforeAnOccurrenceEndsTheSecondBeforeIt() {
        assertEquals("FREQ=WEEKLY;BYDAY=MO;UNTIL=20270426T065959Z",
                Recurrences.endingBefore("FREQ=WEEKLY;BYDAY=MO;COUNT=10", Instant.parse("2027-04-26T07:00:00Z")));
        assertEquals("FREQ=WEEKLY;BYDAY=MO;UNTIL=20270426T065959Z", Recurrences.endingBefore(
                "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270517T070000Z", Instant.parse("2027-04-26T07:00:00Z")));
    }

    @Test
    void theRuleSplitOffAtTheSeventhOfTenCountsFourAndAnUntilIsKept() {
        assertEquals("FREQ=WEEKLY;BYDAY=MO;COUNT=4", Recurrences.from("FREQ=WEEKLY;BYDAY=MO;COUNT=10", 7));
        assertEquals("FREQ=WEEKLY;BYDAY=MO;UNTIL=20270517T070000Z",
                Recurrences.from("FREQ=WEEKLY;BYDAY=MO;UNTIL=20270517T070000Z", 7));
        assertThrows(IllegalArgumentException.class, () -> Recurrences.from("FREQ=WEEKLY;COUNT=10", 11));
    }

    @Test
    void aMovedRuleEndsAtItsNewLastStartAndACountStays() {
        assertEquals("FREQ=DAILY;UNTIL=20270517T080000Z", Recurrences.withLastStart("FREQ=DAILY;UNTIL=20270517T070000Z",
                Instant.parse("2027-05-17T08:00:00Z")));
        assertEquals("FREQ=DAILY;COUNT=3", Recurrences.withLastStart("FREQ=DAILY;COUNT=3",
                Instant.parse("2027-05-17T08:00:00Z")));
    }

    @Test
    void theTwoHalvesOfASplitSeriesHaveEveryDateOfTheWholeOnceAcrossTheSpringChange() {
        String whole = "FREQ=WEEKLY;BYDAY=MO;COUNT=10";
        List<Instant> all = starts(whole, FIRST);
        Instant seventh = all.get(6);

        List<Instant> halves = new ArrayList<>(starts(Recurrences.endingBefore(whole, seventh), FIRST));
        halves.addAll(starts(Recurrences.from(whole, 7), seventh));

        assertEquals(all, halves);
        assertEquals(Instant.parse("2027-04-26T07:00:00Z"), seventh);
    }
}
