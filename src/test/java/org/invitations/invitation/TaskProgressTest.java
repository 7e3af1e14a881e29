package org.invitations.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A colleague's progress report: what a new report keeps, and the status the percentage decides. */
class TaskProgressTest {

    private static final Instant NOW = Instant.parse("2030-01-01T08:00:00Z");

    @Test
    void noPercentIsNotStartedAnythingInBetweenStartedAndAllOfItCompleted() {
        assertEquals(Status.BOOKED, TaskProgress.NONE.status());
        assertEquals(Status.BOOKED, TaskProgress.NONE.report(0, null, null, NOW).status());
        assertEquals(Status.STARTED, TaskProgress.NONE.report(1, null, null, NOW).status());
        assertEquals(Status.STARTED, TaskProgress.NONE.report(99, null, null, NOW).status());
        assertEquals(Status.COMPLETED, TaskProgress.NONE.report(100, null, null, NOW).status());
    }

    @Test
    void hoursAndNoteLeftOutKeepTheLastOnes() {
        TaskProgress first = TaskProgress.NONE.report(20, new BigDecimal("2.5"), "started", NOW);
        TaskProgress second = first.report(60, null, null, NOW.plusSeconds(60));

        assertEquals(new TaskProgress(60, new BigDecimal("2.5"), "started", NOW.plusSeconds(60)), second);
    }

    @Test
    void aNewReportReplacesHoursAndNote() {
        TaskProgress first = TaskProgress.NONE.report(20, new BigDecimal("2.5"), "started", NOW);

        assertEquals(new TaskProgress(40, new BigDecimal("4"), "half", NOW),
                first.report(40, new BigDecimal("4"), "half", NOW));
    }
}
