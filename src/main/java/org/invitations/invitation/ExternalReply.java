package org.invitations.invitation;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Instant;
import java.util.Objects;

/**
 * What an external person last answered from its own calendar (an iTIP REPLY), on that person's record. The
 * record's status stays as the CRM books persons (1): the answer is its own field. SEQUENCE and DTSTAMP of
 * the reply order replies (RFC 5546 §2.1.5): one that is not newer than the last applied changes nothing.
 * After a move the answer is gone (it was for the old time) but its SEQUENCE and DTSTAMP stay, so a late
 * reply still cannot overtake a newer one.
 *
 * @param answer     null once a move made the answer void
 * @param comment    the reply's COMMENT (a reason for declining, say), at most {@value #MAX_COMMENT} characters
 * @param sequence   the reply's SEQUENCE: the version of the meeting it answers
 * @param dtstamp    the reply's DTSTAMP: when the person's program made it
 * @param receivedAt when the service took it in
 */
@Embeddable
public record ExternalReply(
        @Enumerated(EnumType.STRING) @Column(name = "reply_answer", length = 10) ExternalAnswer answer,
        @Column(name = "reply_comment", length = MAX_COMMENT) String comment,
        @Column(name = "reply_sequence") Integer sequence,
        @Column(name = "reply_dtstamp") Instant dtstamp,
        @Column(name = "reply_received_at") Instant receivedAt) {

    /** The longest comment kept; a longer one is cut (it is a note for the owner, as a decline reason is). */
    public static final int MAX_COMMENT = 254;

    public ExternalReply {
        if (comment != null) {
            comment = comment.strip();
            if (comment.isEmpty()) {
                comment = null;
            } else if (comment.length() > MAX_COMMENT) {
                int end = MAX_COMMENT;
                if (Character.isHighSurrogate(comment.charAt(end - 1))) {
                    end--;
                }
                comment = comment.substring(0, end);
            }
        }
    }

    /** A reply as it came in. */
    public static ExternalReply of(ExternalAnswer answer, String comment, int sequence, Instant dtstamp,
                                   Instant receivedAt) {
        return new ExternalReply(Objects.requireNonNull(answer, "answer"), comment, sequence,
                Objects.requireNonNull(dtstamp, "dtstamp"), Objects.requireNonNull(receivedAt, "receivedAt"));
    }

    /** What a reply does to a record that holds this one. */
    public enum Effect {
        /** Newer: it is the person's answer now. */
        APPLIED,
        /** The same SEQUENCE and DTSTAMP: the same reply again. */
        SAME,
        /** A lower SEQUENCE, or the same with an older DTSTAMP: made before the one applied. */
        OLDER
    }

    /** How {@code next} compares with this, the last applied: newer, the same, or older. */
    Effect compare(ExternalReply next) {
        int bySequence = Integer.compare(next.sequence, sequence == null ? Integer.MIN_VALUE : sequence);
        if (bySequence != 0) {
            return bySequence > 0 ? Effect.APPLIED : Effect.OLDER;
        }
        int byStamp = dtstamp == null ? 1 : next.dtstamp.compareTo(dtstamp);
        return byStamp > 0 ? Effect.APPLIED : byStamp == 0 ? Effect.SAME : Effect.OLDER;
    }

    /** The meeting moved: the answer was for the old time; what orders replies stays. */
    ExternalReply voidedByMove() {
        return answer == null ? this : new ExternalReply(null, null, sequence, dtstamp, null);
    }

    /** Whether this holds an answer (not one voided by a move). */
    public boolean isAnswer() {
        return answer != null;
    }
}
