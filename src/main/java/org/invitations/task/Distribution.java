package org.invitations.task;

import java.time.Instant;
import java.util.List;
import org.invitations.invitation.AppointmentView;
import org.invitations.invitation.Status;
import org.invitations.invitation.TaskProgress;

/** The owner's Distribution view of one task. */
public record Distribution(AppointmentView task, int overallPercentDone, List<Line> colleagues) {

    /** One colleague: the answer, whether it was read, and how far it got. */
    public record Line(long recordId, long associateId, String name, Status status, boolean seen,
                       String declineReason, TaskProgress progress, Instant updatedAt) {
    }
}
