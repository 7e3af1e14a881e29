package org.invitations.invitation;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * How far a colleague got with a task, as last reported: the percentage, the total hours so far and
 * the latest note. Immutable: each report makes a new value. The percentage decides the task status.
 */
@Embeddable
public record TaskProgress(
        @Column(name = "percent_done", nullable = false) int percentDone,
        @Column(name = "hours_spent", precision = 7, scale = 2) BigDecimal hoursSpent,
        @Column(name = "progress_note", length = 1000) String note,
        @Column(name = "progress_at") Instant reportedAt) {

    /** Nothing reported yet. */
    public static final TaskProgress NONE = new TaskProgress(0, null, null, null);

    /** A new report: hours and note left out keep the last ones. */
    public TaskProgress report(int percent, BigDecimal hours, String newNote, Instant now) {
        return new TaskProgress(percent, hours == null ? hoursSpent : hours, newNote == null ? note : newNote, now);
    }

    /** 0% is not started (1), anything in between started (2), 100% completed (3). */
    public Status status() {
        return percentDone <= 0 ? Status.BOOKED : percentDone >= 100 ? Status.COMPLETED : Status.STARTED;
    }
}
