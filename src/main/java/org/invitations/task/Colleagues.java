package org.invitations.task;

import java.util.List;
import org.invitations.invitation.Appointment;
import org.invitations.invitation.AppointmentView;
import org.invitations.invitation.ParticipantRecord;
import org.invitations.invitation.Status;

/**
 * What the colleagues' records of one distributed task add up to for its owner: whether the task is
 * done, the overall progress and the counts of answers. The rules of the Distributed tasks list, kept
 * apart from the queries that read the records so they can be tested without a database.
 */
final class Colleagues {

    private Colleagues() {
    }

    /**
     * The one "done" rule: a task is done when a colleague completed it (3) and every colleague still
     * on it did; the others declined (9) or were removed (10). A cancelled task is never done.
     */
    static boolean isDone(Appointment task, List<ParticipantRecord> colleagues) {
        boolean anyCompleted = false;
        for (ParticipantRecord r : colleagues) {
            Status s = r.getStatus();
            if (s != Status.COMPLETED && !Status.OUT.contains(s)) {
                return false;
            }
            anyCompleted |= s == Status.COMPLETED;
        }
        return !task.isCancelled() && anyCompleted;
    }

    /** The mean progress of the colleagues still on the task; those who have not answered count as 0. */
    static int overall(List<ParticipantRecord> records) {
        int sum = 0;
        int count = 0;
        for (ParticipantRecord r : records) {
            if (!Status.OUT.contains(r.getStatus())) {
                sum += r.getProgress().percentDone();
                count++;
            }
        }
        return count == 0 ? 0 : Math.round((float) sum / count);
    }

    /**
     * One line of the owner's list: accepted (1, 2, 3), declined (9), and still to answer (5-8); a task
     * is never tentative, and removed colleagues (10) are not counted.
     */
    static DistributedTask summary(Appointment task, List<ParticipantRecord> records, boolean done) {
        int accepted = 0;
        int declined = 0;
        int pending = 0;
        for (ParticipantRecord r : records) {
            Status s = r.getStatus();
            accepted += Status.ACCEPTED.contains(s) ? 1 : 0;
            declined += s == Status.DECLINED ? 1 : 0;
            pending += Status.PENDING.contains(s) ? 1 : 0;
        }
        return new DistributedTask(AppointmentView.of(task), accepted, declined, pending, overall(records), done);
    }
}
