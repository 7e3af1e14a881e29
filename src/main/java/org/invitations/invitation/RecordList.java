package org.invitations.invitation;

/**
 * The list a record shows in, kept on the record so that each list is one index range in the order
 * it is read: (associate, list, start, id). An invitee's waiting invitations, a diary, a task list
 * then cost the same to page through whether the associate has a hundred records or a hundred
 * thousand, without a sort. Derived from the status and the appointment's type, never set apart.
 */
public enum RecordList {
    /** In no list of its own: declined, cancelled, tentative tasks never exist. */
    NONE,
    /** Waiting for the invitee's answer (5, 6, 7, 8): the Invitations list. */
    WAITING,
    /** A meeting in the diary: booked, tentative (1, 14), and the owner's own record. */
    DIARY,
    /** An accepted task not finished (1, 2). */
    OPEN_TASKS,
    /** A completed task (3). */
    DONE_TASKS;

    static RecordList of(AppointmentType type, Status status) {
        if (Status.PENDING.contains(status)) {
            return WAITING;
        }
        if (type == AppointmentType.MEETING) {
            return Status.BUSY.contains(status) ? DIARY : NONE;
        }
        return switch (status) {
            case BOOKED, STARTED -> OPEN_TASKS;
            case COMPLETED -> DONE_TASKS;
            default -> NONE;
        };
    }
}
