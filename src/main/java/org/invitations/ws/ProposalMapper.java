package org.invitations.ws;

import org.invitations.invitation.ProposalService;
import org.invitations.invitation.ProposalView;
import org.invitations.invitation.ProposedTime;
import org.invitations.ws.generated.DeclineProposalResponse;
import org.invitations.ws.generated.ProposalState;
import org.invitations.ws.generated.TimeProposal;

/** Maps proposals of another time: what an answer proposes, the owner's view of a proposal, a decline's answer. */
final class ProposalMapper {

    private ProposalMapper() {
    }

    /** The proposal an answer carries, or null; half a proposal is refused naming the field. */
    static ProposedTime toProposal(java.time.OffsetDateTime start, java.time.OffsetDateTime end, String comment) {
        return ProposedTime.of(DateTimes.toInstant(start), DateTimes.toInstant(end), comment);
    }

    static TimeProposal toWire(ProposalView view) {
        TimeProposal wire = new TimeProposal();
        wire.setProposalId(view.proposalId());
        wire.setRecordId(view.recordId());
        wire.setParticipant(InvitationMapper.ref(view.kind(), view.participantId()));
        wire.setStart(DateTimes.toUtc(view.start()));
        wire.setEnd(DateTimes.toUtc(view.end()));
        wire.setComment(view.comment());
        wire.setState(ProposalState.valueOf(view.state().name()));
        wire.setProposedAt(DateTimes.toUtc(view.proposedAt()));
        wire.setRecurrenceId(DateTimes.toUtc(view.recurrenceId()));
        return wire;
    }

    static DeclineProposalResponse toDeclined(ProposalService.Declined declined) {
        DeclineProposalResponse response = new DeclineProposalResponse();
        response.setProposal(toWire(declined.proposal()));
        response.setNotifications(InvitationMapper.toNotifications(declined.sent()));
        return response;
    }
}
