package org.invitations.notification;

/**
 * What a confirmation tells the recipient's calendar, as iCalendar's METHOD (RFC 5546): add or update
 * the meeting, or take it away. A moved or changed meeting is a new REQUEST with the same UID.
 */
public enum Method {
    /** The meeting as it now stands: new, moved or changed. */
    REQUEST,
    /** The meeting was cancelled. */
    CANCEL,
    /** A proposal of another time (the person's COUNTER) was declined: the meeting stays as it is (RFC 5546 §3.2.8). */
    DECLINECOUNTER
}
