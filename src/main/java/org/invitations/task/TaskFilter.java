package org.invitations.task;

/** OPEN: not completed and not cancelled; DONE: completed; ALL: everything. */
public enum TaskFilter {
    OPEN,
    DONE,
    ALL
}
