package org.invitations.task;

import java.time.Instant;
import org.invitations.invitation.Status;
import org.invitations.invitation.TaskProgress;

/** One task in a colleague's task list; an occurrence of a series names its series and recurrenceId. */
public record TaskView(long recordId, long appointmentId, String title, String description, Instant due,
                       long ownerId, String ownerName, Status status, TaskProgress progress, Long seriesId,
                       Instant recurrenceId) {
}
