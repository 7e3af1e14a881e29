package org.invitations.invitation;

import java.time.Instant;

/**
 * What an invitee answers: a record, and for a series optionally the occurrence (by its recurrenceId, its
 * original start) and the scope. Without a scope: SERIES on the series' own record without recurrenceId,
 * OCCURRENCE otherwise.
 */
public record AnswerTarget(long recordId, Instant recurrenceId, Scope scope) {

    /** One record, as before series: the default scope. */
    public static AnswerTarget record(long recordId) {
        return new AnswerTarget(recordId, null, null);
    }
}
