package org.invitations.invitation;

import java.util.EnumSet;
import java.util.Set;

/**
 * The status of one record, with the CRM's numbers, which are part of the wire contract.
 */
public enum Status {
    /** Booked / accepted, not started: an ordinary appointment; also the owner's own record. */
    BOOKED(1),
    /** A task that was started. */
    STARTED(2),
    COMPLETED(3),
    /** The initial status of an invitation; not seen yet. */
    INVITED(5),
    /** Moved after the invitee saw it: a new answer is requested. */
    MOVED(6),
    /** Seen, neither accepted nor declined. */
    SEEN(7),
    /** Moved, and the move was seen but not answered. */
    MOVED_SEEN(8),
    DECLINED(9),
    /** The owner cancelled the meeting. */
    CANCELLED(10);

    /** Still waiting for the invitee's answer: what an invitations list shows by default. */
    public static final Set<Status> PENDING = EnumSet.of(INVITED, MOVED, SEEN, MOVED_SEEN);

    /** In the participant's diary: counts as busy for conflict checks. */
    public static final Set<Status> BUSY = EnumSet.of(BOOKED, STARTED, COMPLETED);

    private final int code;

    Status(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Status ofCode(int code) {
        for (Status status : values()) {
            if (status.code == code) {
                return status;
            }
        }
        throw new IllegalArgumentException("No status with code " + code);
    }
}
