package org.invitations.support;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.invitations.ws.generated.AcceptInvitation;
import org.invitations.ws.generated.AppointmentType;
import org.invitations.ws.generated.CreateInvitation;
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

    public static AcceptInvitation accept(long recordId) {
        AcceptInvitation request = new AcceptInvitation();
        request.setRecordId(recordId);
        return request;
    }
}
