package org.invitations.invitation;

/** A meeting has a time slot; a task has a due date (the end) and is distributed to colleagues. */
public enum AppointmentType {
    MEETING,
    TASK
}
