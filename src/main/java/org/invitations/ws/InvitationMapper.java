package org.invitations.ws;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.invitations.invitation.Answer;
import org.invitations.invitation.AnswerTarget;
import org.invitations.invitation.AppointmentUpdate;
import org.invitations.ws.generated.UpdateAppointment;
import org.invitations.invitation.AppointmentView;
import org.invitations.invitation.CreatedMeeting;
import org.invitations.invitation.InvitationQuery;
import org.invitations.invitation.InvitationView;
import org.invitations.invitation.NewMeeting;
import org.invitations.invitation.SendOptions;
import org.invitations.invitation.SendReport;
import org.invitations.invitation.ParticipantKind;
import org.invitations.invitation.Status;
import org.invitations.shared.InvalidRequest;
import org.invitations.shared.Page;
import org.invitations.invitation.MeetingState;
import org.invitations.ws.generated.AnswerResult;
import org.invitations.ws.generated.RecordRequest;
import org.invitations.ws.generated.ParticipantsResult;
import org.invitations.ws.generated.Appointment;
import org.invitations.ws.generated.AppointmentType;
import org.invitations.ws.generated.CreateInvitation;
import org.invitations.ws.generated.CreateInvitationResponse;
import org.invitations.ws.generated.GetInvitations;
import org.invitations.ws.generated.GetInvitationsResponse;
import org.invitations.ws.generated.InvitationItem;
import org.invitations.ws.generated.InvitationOptions;
import org.invitations.ws.generated.ParticipantRef;
import org.invitations.ws.generated.ParticipantResult;

/** Maps invitation requests to domain values and domain results to wire types. */
final class InvitationMapper {

    private InvitationMapper() {
    }

    static NewMeeting toNewMeeting(CreateInvitation request) {
        if (request.getType() == AppointmentType.TASK) {
            throw new InvalidRequest("type", "a task is created with CreateTask (title, description, due, participants)");
        }
        List<NewMeeting.ParticipantRef> participants = toRefs(
                request.getParticipants() == null ? List.of() : request.getParticipants().getParticipant(),
                "participants");
        InvitationOptions options = request.getOptions();
        return new NewMeeting(org.invitations.invitation.AppointmentType.MEETING,
                request.getTitle(), request.getDescription(), request.getLocation(),
                DateTimes.toInstant(request.getStart()), DateTimes.toInstant(request.getEnd()),
                participants, sendInvitations(options), includeMyself(options), request.getTimeZone(),
                SeriesMapper.toRecurrence(request.getRecurrence()));
    }

    static boolean sendInvitations(InvitationOptions options) {
        return options == null || options.isSendInvitations() == null || options.isSendInvitations();
    }

    static boolean includeMyself(InvitationOptions options) {
        return options == null || options.isIncludeMyself() == null || options.isIncludeMyself();
    }

    static List<NewMeeting.ParticipantRef> toRefs(List<ParticipantRef> refs, String list) {
        List<NewMeeting.ParticipantRef> participants = new ArrayList<>(refs.size());
        for (int i = 0; i < refs.size(); i++) {
            participants.add(toRef(refs.get(i), i, list));
        }
        return participants;
    }

    private static NewMeeting.ParticipantRef toRef(ParticipantRef ref, int index, String list) {
        if (ref.getAssociateId() != null) {
            return new NewMeeting.ParticipantRef(ParticipantKind.ASSOCIATE, ref.getAssociateId());
        }
        if (ref.getPersonId() != null) {
            return new NewMeeting.ParticipantRef(ParticipantKind.PERSON, ref.getPersonId());
        }
        if (ref.getResourceId() != null) {
            return new NewMeeting.ParticipantRef(ParticipantKind.RESOURCE, ref.getResourceId());
        }
        throw new InvalidRequest(list + "/participant[" + (index + 1) + "]",
                "a participant needs exactly one of associateId, personId or resourceId");
    }

    static CreateInvitationResponse toResponse(CreatedMeeting created) {
        CreateInvitationResponse response = new CreateInvitationResponse();
        response.setAppointmentId(created.appointmentId());
        response.setMasterRecordId(created.masterRecordId());
        created.participants().forEach(outcome -> response.getParticipant().add(toResult(outcome)));
        response.setNotifications(toNotifications(created.sent()));
        response.getOccurrence().addAll(SeriesMapper.toOccurrences(created.occurrences()));
        return response;
    }

    /** "Send meeting confirmation" and "send SMS" of a create. */
    static SendOptions sendOptions(InvitationOptions options) {
        return options == null ? SendOptions.NONE : new SendOptions(
                Boolean.TRUE.equals(options.isSendConfirmation()), Boolean.TRUE.equals(options.isSendSms()));
    }

    /** The same, for a move, a cancel or an update. */
    static SendOptions sendOptions(org.invitations.ws.generated.NotifyOptions options) {
        return options == null ? SendOptions.NONE : new SendOptions(
                Boolean.TRUE.equals(options.isSendConfirmation()), Boolean.TRUE.equals(options.isSendSms()));
    }

    /** Present on the wire only when the request asked for confirmations or SMS. */
    static org.invitations.ws.generated.Notifications toNotifications(SendReport summary) {
        if (summary == null || !summary.asked()) {
            return null;
        }
        org.invitations.ws.generated.Notifications wire = new org.invitations.ws.generated.Notifications();
        wire.setConfirmations(summary.confirmations());
        wire.setSms(summary.sms());
        for (SendReport.Skipped skipped : summary.skipped()) {
            org.invitations.ws.generated.SkippedPerson person = new org.invitations.ws.generated.SkippedPerson();
            person.setPersonId(skipped.personId());
            person.setName(skipped.name());
            person.setChannel(org.invitations.ws.generated.Channel.valueOf(skipped.channel()));
            wire.getSkipped().add(person);
        }
        return wire;
    }

    static ParticipantResult toResult(CreatedMeeting.Outcome outcome) {
        ParticipantResult result = new ParticipantResult();
        result.setRecordId(outcome.recordId());
        result.setKind(org.invitations.ws.generated.ParticipantKind.valueOf(outcome.kind().name()));
        result.setParticipant(ref(outcome.kind(), outcome.participantId()));
        result.setStatus(outcome.status().code());
        result.setInvitationSent(outcome.invitationSent());
        result.setConflict(outcome.conflict());
        return result;
    }

    static ParticipantRef ref(ParticipantKind kind, long id) {
        ParticipantRef ref = new ParticipantRef();
        switch (kind) {
            case ASSOCIATE -> ref.setAssociateId(id);
            case PERSON -> ref.setPersonId(id);
            case RESOURCE -> ref.setResourceId(id);
        }
        return ref;
    }

    static AppointmentUpdate toUpdate(UpdateAppointment request) {
        return new AppointmentUpdate(request.getAppointmentId(), request.getTitle(), request.getDescription(),
                request.getLocation(),
                toRefs(request.getAddParticipants() == null ? List.of() : request.getAddParticipants().getParticipant(),
                        "addParticipants"),
                toRefs(request.getRemoveParticipants() == null ? List.of()
                        : request.getRemoveParticipants().getParticipant(), "removeParticipants"),
                request.isSendInvitations() == null || request.isSendInvitations(),
                Boolean.TRUE.equals(request.isUpdateAllRecords()));
    }

    static InvitationQuery toQuery(GetInvitations request) {
        Set<Status> statuses = EnumSet.noneOf(Status.class);
        if (request.getStatuses() != null) {
            request.getStatuses().getStatus().forEach(code -> statuses.add(Status.ofCode(code)));
        }
        return new InvitationQuery(request.getAssociateId(), statuses, DateTimes.toInstant(request.getFromTime()),
                DateTimes.toInstant(request.getToTime()), Boolean.TRUE.equals(request.isOnlyNew()),
                Paging.size(request.getPageSize()), Paging.afterTime(request.getPageToken()));
    }

    static GetInvitationsResponse toResponse(Page<InvitationView> page) {
        GetInvitationsResponse response = new GetInvitationsResponse();
        for (InvitationView view : page.items()) {
            InvitationItem item = new InvitationItem();
            item.setRecordId(view.recordId());
            item.setAppointmentId(view.appointmentId());
            item.setType(AppointmentType.valueOf(view.type().name()));
            item.setTitle(view.title());
            item.setLocation(view.location());
            item.setStart(DateTimes.toUtc(view.start()));
            item.setEnd(DateTimes.toUtc(view.end()));
            item.setOwnerId(view.ownerId());
            item.setOwnerName(view.ownerName());
            item.setStatus(view.status().code());
            item.setIsNew(view.isNew());
            item.setTimeZone(view.timeZone());
            item.setSeries(SeriesMapper.toSeries(view.series()));
            item.setSeriesId(view.seriesId());
            item.setRecurrenceId(DateTimes.toUtc(view.recurrenceId()));
            response.getInvitation().add(item);
        }
        response.setNextPageToken(Paging.next(page));
        return response;
    }

    static org.invitations.ws.generated.CleanUpCancelledResponse toCleanUp(int removed) {
        org.invitations.ws.generated.CleanUpCancelledResponse response =
                new org.invitations.ws.generated.CleanUpCancelledResponse();
        response.setRemoved(removed);
        return response;
    }

    /** Every answer's response (AcceptInvitationResponse, DeclineInvitationResponse, ...) is an AnswerResult. */
    static AnswerResult toAnswer(Answer answer) {
        AnswerResult response = new AnswerResult();
        response.setRecordId(answer.recordId());
        response.setStatus(answer.status().code());
        response.setIsNew(answer.isNew());
        response.setAppointment(toAppointment(answer.appointment()));
        response.setOccurrencesChanged(answer.occurrencesChanged());
        return response;
    }

    /** What an answer names: the record, and for a series the occurrence and the scope. */
    static AnswerTarget toTarget(RecordRequest request) {
        return toTarget(request.getRecordId(), request.getRecurrenceId(), request.getScope());
    }

    static AnswerTarget toTarget(long recordId, java.time.OffsetDateTime recurrenceId,
                                 org.invitations.ws.generated.Scope scope) {
        return new AnswerTarget(recordId, DateTimes.toInstant(recurrenceId), toScope(scope));
    }

    static org.invitations.invitation.Scope toScope(org.invitations.ws.generated.Scope scope) {
        return scope == null ? null : org.invitations.invitation.Scope.valueOf(scope.name());
    }

    /** Fills any of the owner's responses, which all extend ParticipantsResult. */
    static ParticipantsResult toState(MeetingState state) {
        ParticipantsResult response = new ParticipantsResult();
        response.setAppointment(toAppointment(state.appointment()));
        state.participants().forEach(outcome -> response.getParticipant().add(toResult(outcome)));
        response.setNotifications(toNotifications(state.sent()));
        response.getOccurrence().addAll(SeriesMapper.toOccurrences(state.occurrences()));
        return response;
    }

    static Appointment toAppointment(AppointmentView view) {
        Appointment appointment = new Appointment();
        appointment.setAppointmentId(view.appointmentId());
        appointment.setType(AppointmentType.valueOf(view.type().name()));
        appointment.setTitle(view.title());
        appointment.setDescription(view.description());
        appointment.setLocation(view.location());
        appointment.setStart(DateTimes.toUtc(view.start()));
        appointment.setEnd(DateTimes.toUtc(view.end()));
        appointment.setOwnerId(view.ownerId());
        appointment.setOwnerName(view.ownerName());
        appointment.setSequence(view.sequence());
        appointment.setCancelled(view.cancelled());
        if (view.type() == org.invitations.invitation.AppointmentType.TASK) {
            appointment.setDue(DateTimes.toUtc(view.start()));
        }
        appointment.setTimeZone(view.timeZone());
        appointment.setSeries(SeriesMapper.toSeries(view.series()));
        appointment.setSeriesId(view.seriesId());
        appointment.setRecurrenceId(DateTimes.toUtc(view.recurrenceId()));
        return appointment;
    }
}
