package org.invitations.invitation;

import java.time.Duration;
import java.time.Instant;
import org.invitations.shared.InvalidRequest;

/**
 * Another start and end an invitee proposes with its answer, and an optional comment: both times or none.
 * The fields are named as in the answer's request (proposedStart, proposedEnd, proposalComment).
 */
public record ProposedTime(Instant start, Instant end, String comment) {

    /**
     * The proposal a request carries, or null when it carries none. Half a proposal, an end not after the
     * start, a slot longer than a meeting may last, or a comment without times is refused, naming the field.
     */
    public static ProposedTime of(Instant start, Instant end, String comment) {
        if (start == null && end == null) {
            if (comment != null && !comment.isBlank()) {
                throw new InvalidRequest("proposalComment", "proposalComment comes with a proposal: give"
                        + " proposedStart and proposedEnd too, or put the text in the reason");
            }
            return null;
        }
        if (start == null) {
            throw new InvalidRequest("proposedStart", "proposedEnd needs proposedStart: propose both or neither");
        }
        if (end == null) {
            throw new InvalidRequest("proposedEnd", "proposedStart needs proposedEnd: propose both or neither");
        }
        requireSlot(start, end);
        return new ProposedTime(start, end, comment);
    }

    /** A slot a meeting could take, as {@link Appointment#requireSlot}, with the proposal's field names. */
    static void requireSlot(Instant start, Instant end) {
        if (!end.isAfter(start)) {
            throw new InvalidRequest("proposedEnd", "proposedEnd must be after proposedStart");
        }
        if (Duration.between(start, end).compareTo(Appointment.MAX_LENGTH) > 0) {
            throw new InvalidRequest("proposedEnd", "a meeting lasts at most " + Appointment.MAX_LENGTH.toDays()
                    + " days; propose a shorter time");
        }
    }
}
