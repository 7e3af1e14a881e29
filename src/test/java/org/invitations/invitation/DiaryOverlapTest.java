package org.invitations.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiaryOverlapTest {

    private static final Instant NINE = Instant.parse("2030-01-02T09:00:00Z");

    @Test
    void entriesThatTouchDoNotConflict() {
        assertEquals(List.of(false, false), conflicts(entry(0, 60), entry(60, 120)));
    }

    @Test
    void overlappingPairConflicts() {
        assertEquals(List.of(true, true, false), conflicts(entry(0, 60), entry(30, 90), entry(120, 150)));
    }

    @Test
    void longEntryConflictsWithEverythingInsideIt() {
        assertEquals(List.of(true, true, true), conflicts(entry(0, 300), entry(60, 90), entry(120, 150)));
    }

    @Test
    void entryInsideALongOneConflictsButTheOneAfterBothDoesNot() {
        assertEquals(List.of(true, true, false), conflicts(entry(0, 200), entry(100, 110), entry(200, 210)));
    }

    private static List<Boolean> conflicts(DiaryEntry... entries) {
        List<Boolean> flags = new ArrayList<>();
        DiaryService.flagOverlaps(List.of(entries)).forEach(e -> flags.add(e.conflict()));
        return flags;
    }

    private static long ids;

    private static DiaryEntry entry(int fromMinute, int toMinute) {
        return new DiaryEntry(++ids, ids, AppointmentType.MEETING, "e", null, NINE.plusSeconds(fromMinute * 60L),
                NINE.plusSeconds(toMinute * 60L), 1, "Owner", Status.BOOKED, false, false);
    }
}
