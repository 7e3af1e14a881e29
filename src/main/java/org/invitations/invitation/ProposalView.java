package org.invitations.invitation;

import java.time.Instant;

/**
 * A proposal of another time as the owner sees it: who proposed it on which record, the slot and comment,
 * where it stands, and for an occurrence of a series which one (its recurrenceId).
 */
public record ProposalView(long proposalId, long recordId, ParticipantKind kind, long participantId, Instant start,
                           Instant end, String comment, TimeProposal.State state, Instant proposedAt,
                           Instant recurrenceId, boolean outdated) {

    public static ProposalView of(TimeProposal proposal) {
        return new ProposalView(proposal.getId(), proposal.getRecord().getId(), proposal.getProposerKind(),
                proposal.getProposerId(), proposal.getStartsAt(), proposal.getEndsAt(), proposal.getComment(),
                proposal.getState(), proposal.getProposedAt(), proposal.getAppointment().getRecurrenceId(),
                proposal.isOutdated());
    }
}
