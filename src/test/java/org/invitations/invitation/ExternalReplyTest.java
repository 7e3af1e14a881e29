package org.invitations.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The order of a person's replies (RFC 5546 §2.1.5): SEQUENCE first, then DTSTAMP. */
class ExternalReplyTest {

    private static final Instant NOON = Instant.parse("2030-01-07T12:00:00Z");
    private static final Instant RECEIVED = Instant.parse("2030-01-08T08:00:00Z");

    private static ExternalReply reply(ExternalAnswer answer, int sequence, Instant dtstamp) {
        return ExternalReply.of(answer, null, sequence, dtstamp, RECEIVED);
    }

    @Test
    void aHigherSequenceIsNewerWhateverItsDtstamp() {
        ExternalReply applied = reply(ExternalAnswer.ACCEPTED, 0, NOON);

        assertEquals(ExternalReply.Effect.APPLIED,
                applied.compare(reply(ExternalAnswer.DECLINED, 1, NOON.minusSeconds(3600))));
        assertEquals(ExternalReply.Effect.OLDER,
                reply(ExternalAnswer.DECLINED, 1, NOON).compare(reply(ExternalAnswer.ACCEPTED, 0, NOON.plusSeconds(60))));
    }

    @Test
    void atTheSameSequenceTheLaterDtstampWinsAndTheSameOneIsTheSameReply() {
        ExternalReply applied = reply(ExternalAnswer.ACCEPTED, 2, NOON);

        assertEquals(ExternalReply.Effect.APPLIED, applied.compare(reply(ExternalAnswer.DECLINED, 2, NOON.plusSeconds(1))));
        assertEquals(ExternalReply.Effect.OLDER, applied.compare(reply(ExternalAnswer.DECLINED, 2, NOON.minusSeconds(1))));
        assertEquals(ExternalReply.Effect.SAME, applied.compare(reply(ExternalAnswer.DECLINED, 2, NOON)));
    }

    @Test
    void aMoveVoidsTheAnswerButKeepsWhatOrdersReplies() {
        ExternalReply voided = reply(ExternalAnswer.ACCEPTED, 1, NOON).voidedByMove();

        assertFalse(voided.isAnswer());
        assertNull(voided.comment());
        assertEquals(ExternalReply.Effect.OLDER, voided.compare(reply(ExternalAnswer.DECLINED, 0, NOON.plusSeconds(60))),
                "a late reply to the old time still cannot overtake");
        assertEquals(ExternalReply.Effect.APPLIED, voided.compare(reply(ExternalAnswer.DECLINED, 2, NOON)));
    }

    @Test
    void aLongCommentIsCutAndABlankOneIsNone() {
        ExternalReply longOne = ExternalReply.of(ExternalAnswer.DECLINED, "å".repeat(300), 0, NOON, RECEIVED);
        ExternalReply blank = ExternalReply.of(ExternalAnswer.DECLINED, "  \n ", 0, NOON, RECEIVED);

        assertEquals(ExternalReply.MAX_COMMENT, longOne.comment().length());
        assertNull(blank.comment());
        assertTrue(longOne.isAnswer());
    }
}
