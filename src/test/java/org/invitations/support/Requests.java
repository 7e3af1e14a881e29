package org.invitations.support;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.invitations.ws.generated.RecordRequest;
import org.invitations.ws.generated.TentativelyAcceptInvitation;
import org.invitations.ws.generated.AppointmentRequest;
import org.invitations.ws.generated.CancelAppointment;
import org.invitations.ws.generated.DeclineInvitation;
import org.invitations.ws.generated.GetActivityArchive;
import org.invitations.ws.generated.GetDiary;
import org.invitations.ws.generated.MoveAppointment;
import org.invitations.ws.generated.ParticipantList;
import org.invitations.ws.generated.UpdateAppointment;
import org.invitations.ws.generated.AppointmentType;
import org.invitations.ws.generated.CreateInvitation;
import org.invitations.ws.generated.CreateTask;
import org.invitations.ws.generated.GetInvitations;
import org.invitations.ws.generated.InvitationOptions;
import org.invitations.ws.generated.ParticipantRef;
import org.invitations.ws.generated.StatusFilter;

/** Builders for wire requests, so tests read as the scenario they check. */
public final class Requests {

    private static final OffsetDateTime EPOCH = OffsetDateTime.of(2030, 1, 7, 9, 0, 0, 0, ZoneOffset.UTC);
    private static final AtomicInteger SLOTS = new AtomicInteger();

    private Requests() {
    }

    /** A fresh one-hour slot on a day no other test uses, so bookings of other tests never overlap. */
    public static OffsetDateTime freeSlot() {
        return EPOCH.plusDays(SLOTS.incrementAndGet());
    }

    public static ParticipantRef associate(long id) {
        ParticipantRef ref = new ParticipantRef();
        ref.setAssociateId(id);
        return ref;
    }

    public static ParticipantRef person(long id) {
        ParticipantRef ref = new ParticipantRef();
        ref.setPersonId(id);
        return ref;
    }

    public static ParticipantRef resource(long id) {
        ParticipantRef ref = new ParticipantRef();
        ref.setResourceId(id);
        return ref;
    }

    public static CreateInvitation meeting(String title, OffsetDateTime start, ParticipantRef... participants) {
        CreateInvitation request = new CreateInvitation();
        request.setType(AppointmentType.MEETING);
        request.setTitle(title);
        request.setLocation("Room Oslo");
        request.setDescription("Agenda follows");
        request.setStart(start);
        request.setEnd(start.plusHours(1));
        request.setParticipants(new CreateInvitation.Participants());
        for (ParticipantRef participant : participants) {
            request.getParticipants().getParticipant().add(participant);
        }
        return request;
    }

    public static CreateTask task(String title, OffsetDateTime due, ParticipantRef... assignees) {
        CreateTask request = new CreateTask();
        request.setTitle(title);
        request.setDescription("Details in the shared folder");
        request.setDue(due);
        request.setParticipants(new CreateTask.Participants());
        request.getParticipants().getParticipant().addAll(java.util.List.of(assignees));
        return request;
    }

    public static CreateInvitation withOptions(CreateInvitation request, Boolean sendInvitations,
                                               Boolean includeMyself) {
        InvitationOptions options = new InvitationOptions();
        options.setSendInvitations(sendInvitations);
        options.setIncludeMyself(includeMyself);
        request.setOptions(options);
        return request;
    }

    public static GetInvitations pending() {
        return new GetInvitations();
    }

    public static GetInvitations withStatuses(int... codes) {
        GetInvitations request = new GetInvitations();
        request.setStatuses(new StatusFilter());
        for (int code : codes) {
            request.getStatuses().getStatus().add(code);
        }
        return request;
    }

    public static RecordRequest accept(long recordId) {
        return record(new RecordRequest(), recordId);
    }

    public static TentativelyAcceptInvitation tentative(long recordId) {
        TentativelyAcceptInvitation request = new TentativelyAcceptInvitation();
        request.setRecordId(recordId);
        return request;
    }

    public static DeclineInvitation decline(long recordId, String reason) {
        DeclineInvitation request = new DeclineInvitation();
        request.setRecordId(recordId);
        request.setReason(reason);
        return request;
    }

    public static RecordRequest seen(long recordId) {
        return record(new RecordRequest(), recordId);
    }

    public static RecordRequest postpone(long recordId) {
        return record(new RecordRequest(), recordId);
    }

    public static RecordRequest acknowledge(long recordId) {
        return record(new RecordRequest(), recordId);
    }

    public static RecordRequest record(RecordRequest request, long recordId) {
        request.setRecordId(recordId);
        return request;
    }

    public static MoveAppointment move(long appointmentId, OffsetDateTime start) {
        MoveAppointment request = new MoveAppointment();
        request.setAppointmentId(appointmentId);
        request.setStart(start);
        request.setEnd(start.plusHours(1));
        return request;
    }

    public static CancelAppointment cancel(long appointmentId) {
        CancelAppointment request = new CancelAppointment();
        request.setAppointmentId(appointmentId);
        return request;
    }

    public static AppointmentRequest participants(long appointmentId) {
        return appointment(new AppointmentRequest(), appointmentId);
    }

    public static UpdateAppointment update(long appointmentId) {
        UpdateAppointment request = new UpdateAppointment();
        request.setAppointmentId(appointmentId);
        return request;
    }

    public static ParticipantList list(ParticipantRef... participants) {
        ParticipantList list = new ParticipantList();
        list.getParticipant().addAll(java.util.List.of(participants));
        return list;
    }

    public static AppointmentRequest appointment(AppointmentRequest request, long appointmentId) {
        request.setAppointmentId(appointmentId);
        return request;
    }

    public static GetDiary diary(Long associateId, OffsetDateTime from, OffsetDateTime to) {
        GetDiary request = new GetDiary();
        request.setAssociateId(associateId);
        request.setFromTime(from);
        request.setToTime(to);
        return request;
    }

    public static GetActivityArchive archive(long contactId) {
        GetActivityArchive request = new GetActivityArchive();
        request.setContactId(contactId);
        return request;
    }
}
