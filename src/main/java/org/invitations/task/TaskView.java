package org.invitations.task;

import java.time.Instant;
import org.invitations.invitation.Status;

/** One task in a colleague's task list. */
public record TaskView(long recordId, long appointmentId, String title, String description, Instant due,
                       long ownerId, String ownerName, Status status, Progress progress) {
}
