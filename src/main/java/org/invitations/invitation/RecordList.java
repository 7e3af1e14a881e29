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
    DONE_TASKS,
    /**
     * Shown through its series' record, in no list of its own: a series' record once answered (its
     * occurrences are in the diary or task list), and a pending occurrence record that follows the series
     * (the series' invitation stands for it).
     */
    SERIES;

    /** The list of a record of a single appointment, or of an occurrence answered on its own. */
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

    /**
     * The list of any record: {@code seriesRecord} when its appointment is a series itself (pending: the
     * one invitations item; else {@link #SERIES}), {@code followsSeries} when it is an occurrence's
     * record whose status comes from the series' answer (pending: {@link #SERIES}; busy: as a single
     * appointment's; else {@link #NONE}).
     */
    static RecordList of(AppointmentType type, Status status, boolean seriesRecord, boolean followsSeries) {
        if (seriesRecord) {
            return Status.PENDING.contains(status) ? WAITING : SERIES;
        }
        if (followsSeries && Status.PENDING.contains(status)) {
            return SERIES;
        }
        return of(type, status);
    }
}
