package org.invitations.ws;

import org.invitations.invitation.ProposalService;
import org.invitations.ws.generated.AcceptProposal;
import org.invitations.ws.generated.ConcurrentModificationFault;
import org.invitations.ws.generated.DeclineProposal;
import org.invitations.ws.generated.DeclineProposalResponse;
import org.invitations.ws.generated.InvalidRequestFault;
import org.invitations.ws.generated.InvalidTransitionFault;
import org.invitations.ws.generated.NotAllowedFault;
import org.invitations.ws.generated.NotFoundFault;
import org.invitations.ws.generated.ParticipantsResult;

/** The owner's decisions on proposals of another time. */
final class ProposalOperations {

    private final ProposalService proposals;

    ProposalOperations(ProposalService proposals) {
        this.proposals = proposals;
    }

    ParticipantsResult accept(AcceptProposal request) throws InvalidRequestFault, NotFoundFault, NotAllowedFault,
            InvalidTransitionFault, ConcurrentModificationFault {
        return Faults.answer(() -> InvitationMapper.toState(proposals.accept(CallerInterceptor.current(),
                request.getProposalId(), InvitationMapper.sendOptions(request.getNotify()))));
    }

    DeclineProposalResponse decline(DeclineProposal request) throws InvalidRequestFault, NotFoundFault,
            NotAllowedFault, InvalidTransitionFault, ConcurrentModificationFault {
        return Faults.answer(() -> ProposalMapper.toDeclined(proposals.decline(CallerInterceptor.current(),
                request.getProposalId(), InvitationMapper.sendOptions(request.getNotify()))));
    }
}
