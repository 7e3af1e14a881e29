package org.invitations.task;

import org.invitations.invitation.Answer;

/** A task record after a progress report. */
public record ProgressReport(Answer answer, Progress progress) {
}
