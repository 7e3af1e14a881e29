package org.invitations.ws;

import org.invitations.invitation.InvitationService;
import org.invitations.ws.generated.AnswerResult;
import org.invitations.ws.generated.CleanUpCancelled;
import org.invitations.ws.generated.CleanUpCancelledResponse;
import org.invitations.ws.generated.ConcurrentModificationFault;
import org.invitations.ws.generated.DeclineInvitation;
import org.invitations.ws.generated.GetInvitations;
import org.invitations.ws.generated.GetInvitationsResponse;
import org.invitations.ws.generated.InvalidRequestFault;
import org.invitations.ws.generated.InvalidTransitionFault;
import org.invitations.ws.generated.NotAllowedFault;
import org.invitations.ws.generated.NotFoundFault;
import org.invitations.ws.generated.RecordRequest;

/** The invitee's operations: the invitations list, the answers and cleaning up cancelled ones. */
final class AnswerOperations {

    private final InvitationService invitations;

    AnswerOperations(InvitationService invitations) {
        this.invitations = invitations;
    }

    GetInvitationsResponse list(GetInvitations request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> InvitationMapper.toResponse(
                invitations.invitations(CallerInterceptor.current(), InvitationMapper.toQuery(request))));
    }

    AnswerResult accept(RecordRequest request) throws InvalidRequestFault, NotFoundFault, NotAllowedFault,
            InvalidTransitionFault, ConcurrentModificationFault {
        return Faults.answer(() -> InvitationMapper.toAnswer(
                invitations.accept(CallerInterceptor.current(), InvitationMapper.toTarget(request))));
    }

    AnswerResult acceptTentatively(org.invitations.ws.generated.TentativelyAcceptInvitation request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, InvalidTransitionFault,
            ConcurrentModificationFault {
        return Faults.answer(() -> InvitationMapper.toAnswer(
                invitations.acceptTentatively(CallerInterceptor.current(), InvitationMapper.toTarget(
                        request.getRecordId(), request.getRecurrenceId(), request.getScope()),
                        ProposalMapper.toProposal(request.getProposedStart(), request.getProposedEnd(),
                                request.getProposalComment()))));
    }

    AnswerResult decline(DeclineInvitation request) throws InvalidRequestFault, NotFoundFault, NotAllowedFault,
            InvalidTransitionFault, ConcurrentModificationFault {
        return Faults.answer(() -> InvitationMapper.toAnswer(
                invitations.decline(CallerInterceptor.current(),
                        InvitationMapper.toTarget(request.getRecordId(), request.getRecurrenceId(), request.getScope()),
                        request.getReason(), ProposalMapper.toProposal(request.getProposedStart(),
                                request.getProposedEnd(), request.getProposalComment()))));
    }

    AnswerResult markSeen(RecordRequest request) throws InvalidRequestFault, NotFoundFault, NotAllowedFault,
            InvalidTransitionFault, ConcurrentModificationFault {
        return Faults.answer(() -> InvitationMapper.toAnswer(
                invitations.markSeen(CallerInterceptor.current(), InvitationMapper.toTarget(request))));
    }

    AnswerResult postpone(RecordRequest request) throws InvalidRequestFault, NotFoundFault, NotAllowedFault,
            InvalidTransitionFault, ConcurrentModificationFault {
        return Faults.answer(() -> InvitationMapper.toAnswer(
                invitations.postpone(CallerInterceptor.current(), InvitationMapper.toTarget(request))));
    }

    CleanUpCancelledResponse cleanUpCancelled(CleanUpCancelled request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> InvitationMapper.toCleanUp(
                invitations.cleanUpCancelled(CallerInterceptor.current(), request.getRecordId())));
    }
}
