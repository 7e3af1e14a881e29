package org.invitations.task;

import java.math.BigDecimal;
import java.time.Instant;

/** What a colleague last reported on a task. */
public record Progress(int percentDone, BigDecimal hoursSpent, String note, Instant at) {
}
