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
    /** The owner cancelled the meeting, or removed this participant from it. */
    CANCELLED(10),
    /**
     * Tentatively accepted: an answer the seed CRM lacks but EWS, Zimbra and iCalendar have. Its code
     * lies outside 1-13 because the CRM uses 11-13 for assignments. In the diary, marked tentative.
     */
    TENTATIVE(14);

    /** Still waiting for the invitee's answer: what an invitations list shows by default. */
    public static final Set<Status> PENDING = EnumSet.of(INVITED, MOVED, SEEN, MOVED_SEEN);

    /** In the participant's diary: counts as busy for conflict checks. */
    public static final Set<Status> BUSY = EnumSet.of(BOOKED, STARTED, COMPLETED, TENTATIVE);

    /** Accepted: a meeting is booked (1); a task is not started (1), started (2) or completed (3). */
    public static final Set<Status> ACCEPTED = EnumSet.of(BOOKED, STARTED, COMPLETED);

    /** No longer taking part: declined, or cancelled (which is also how a removed participant ends). */
    public static final Set<Status> OUT = EnumSet.of(DECLINED, CANCELLED);

    /** The invitee has answered: the owner sees a tick, a question mark or a cross. */
    public static final Set<Status> ANSWERED = EnumSet.of(BOOKED, TENTATIVE, DECLINED);

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
