package org.invitations.reply;

/**
 * What was done with a received calendar message. APPLIED: the person's answer now shows on the meeting.
 * UNCHANGED: the same reply again, one older than the last applied (by SEQUENCE, then DTSTAMP), or one that
 * answers an earlier version of a meeting moved since: nothing changed. REFUSED: nothing changed; the reason
 * says why.
 */
public enum ReplyOutcome {
    APPLIED,
    UNCHANGED,
    REFUSED
}
