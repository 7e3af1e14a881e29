package org.invitations.task;

import org.invitations.invitation.Answer;
import org.invitations.invitation.TaskProgress;

/** A task record after a progress report. */
public record ProgressReport(Answer answer, TaskProgress progress) {
}
