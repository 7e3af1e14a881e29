package org.invitations.ws;

import org.invitations.invitation.MeetingService;
import org.invitations.ws.generated.AcknowledgeDeclineResponse;
import org.invitations.ws.generated.AppointmentRequest;
import org.invitations.ws.generated.BookingRefusedFault;
import org.invitations.ws.generated.CancelAppointment;
import org.invitations.ws.generated.ConcurrentModificationFault;
import org.invitations.ws.generated.CreateInvitation;
import org.invitations.ws.generated.CreateInvitationResponse;
import org.invitations.ws.generated.GetAppointmentParticipantsResponse;
import org.invitations.ws.generated.InvalidRequestFault;
import org.invitations.ws.generated.InvalidTransitionFault;
import org.invitations.ws.generated.MoveAppointment;
import org.invitations.ws.generated.NotAllowedFault;
import org.invitations.ws.generated.NotFoundFault;
import org.invitations.ws.generated.ParticipantsResult;
import org.invitations.ws.generated.RecordRequest;
import org.invitations.ws.generated.UpdateAppointment;

/** The owner's meeting operations: request to domain values, one service call, result to the wire. */
final class MeetingOperations {

    private final MeetingService meetings;

    MeetingOperations(MeetingService meetings) {
        this.meetings = meetings;
    }

    CreateInvitationResponse create(CreateInvitation request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault,
            BookingRefusedFault {
        return Faults.book(() -> InvitationMapper.toResponse(meetings.create(CallerInterceptor.current(),
                InvitationMapper.toNewMeeting(request), request.getRequestId(),
                InvitationMapper.sendOptions(request.getOptions()))));
    }

    ParticipantsResult move(MoveAppointment request) throws InvalidRequestFault, NotFoundFault, NotAllowedFault,
            InvalidTransitionFault, ConcurrentModificationFault, BookingRefusedFault {
        return Faults.bookChange(() -> InvitationMapper.toState(meetings.move(CallerInterceptor.current(),
                request.getAppointmentId(), DateTimes.toInstant(request.getStart()),
                DateTimes.toInstant(request.getEnd()), InvitationMapper.sendOptions(request.getNotify()),
                SeriesMapper.toScope(request.getRecurrenceId(), request.getScope()))));
    }

    ParticipantsResult cancel(CancelAppointment request) throws InvalidRequestFault, NotFoundFault,
            NotAllowedFault, InvalidTransitionFault, ConcurrentModificationFault {
        return Faults.answer(() -> InvitationMapper.toState(meetings.cancel(CallerInterceptor.current(),
                request.getAppointmentId(), InvitationMapper.sendOptions(request.getNotify()),
                SeriesMapper.toScope(request.getRecurrenceId(), request.getScope()))));
    }

    ParticipantsResult update(UpdateAppointment request) throws InvalidRequestFault, NotFoundFault,
            NotAllowedFault, InvalidTransitionFault, ConcurrentModificationFault, BookingRefusedFault {
        return Faults.bookChange(() -> InvitationMapper.toState(
                meetings.update(CallerInterceptor.current(), InvitationMapper.toUpdate(request),
                        InvitationMapper.sendOptions(request.getNotify()),
                        SeriesMapper.toScope(request.getRecurrenceId(), request.getScope()))));
    }

    GetAppointmentParticipantsResponse participants(AppointmentRequest request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> ViewMapper.toResponse(
                meetings.participants(CallerInterceptor.current(), request.getAppointmentId())));
    }

    AcknowledgeDeclineResponse acknowledgeDecline(RecordRequest request) throws InvalidRequestFault,
            NotFoundFault, NotAllowedFault, InvalidTransitionFault, ConcurrentModificationFault {
        return Faults.answer(() -> ViewMapper.toAcknowledged(
                meetings.acknowledgeDecline(CallerInterceptor.current(), request.getRecordId(),
                        DateTimes.toInstant(request.getRecurrenceId()))));
    }
}
