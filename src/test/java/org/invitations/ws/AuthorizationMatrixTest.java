package org.invitations.ws;

import static org.invitations.support.Requests.accept;
import static org.invitations.support.Requests.acknowledge;
import static org.invitations.support.Requests.appointment;
import static org.invitations.support.Requests.associate;
import static org.invitations.support.Requests.cancel;
import static org.invitations.support.Requests.decline;
import static org.invitations.support.Requests.freeSlot;
import static org.invitations.support.Requests.meeting;
import static org.invitations.support.Requests.move;
import static org.invitations.support.Requests.participants;
import static org.invitations.support.Requests.pending;
import static org.invitations.support.Requests.postpone;
import static org.invitations.support.Requests.record;
import static org.invitations.support.Requests.seen;
import static org.invitations.support.Requests.tentative;
import static org.invitations.support.Requests.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.invitations.support.Clients;
import org.invitations.support.EndpointTest;
import org.invitations.ws.generated.Associate;
import org.invitations.ws.generated.ChangePassword;
import org.invitations.ws.generated.CleanUpCancelled;
import org.invitations.ws.generated.CreateAssociate;
import org.invitations.ws.generated.GetAuditLog;
import org.invitations.ws.generated.AppointmentRequest;
import org.invitations.ws.generated.InvitationsPortType;
import org.invitations.ws.generated.ListAssociates;
import org.invitations.ws.generated.MoveTaskDueDate;
import org.invitations.ws.generated.NotAllowedFault;
import org.invitations.ws.generated.ReportTaskProgress;
import org.invitations.ws.generated.Role;
import org.invitations.ws.generated.SetAssociateEnabled;
import org.invitations.ws.generated.UpdateAppointment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every forbidden cell of the authorization table in docs/security.md: the operation, called by that role in
 * that relation to the record, gets the not-allowed fault, and nothing of the meeting, the task or
 * the directory changes.
 */
class AuthorizationMatrixTest extends EndpointTest {

    /** alice owns a meeting and a task; bob is invited to both; carol has nothing to do with them. */
    record Fixture(long meetingId, long bobsMeetingRecord, long taskId, long bobsTaskRecord) {
    }

    @FunctionalInterface
    interface Call {
        void on(InvitationsPortType port, Fixture f) throws Exception;
    }

    enum Actor {
        OWNER, INVITEE, OTHER_USER, OTHER_ADMIN, INTEGRATION_FOR_INVITEE, INTEGRATION_FOR_OTHER, INTEGRATION_FOR_ADMIN
    }

    static Associate integration;

    @BeforeAll
    static void integrationAccount() throws Exception {
        CreateAssociate request = new CreateAssociate();
        request.setUsername("matrix-crm");
        request.setFullName("Matrix CRM");
        request.setPassword("password-matrix-crm");
        request.setRole(Role.INTEGRATION);
        integration = directory.admin().createAssociate(request).getAssociate();
    }

    static Stream<Arguments> forbidden() {
        List<Arguments> cells = new ArrayList<>();
        List<Actor> notOwner = List.of(Actor.INVITEE, Actor.OTHER_USER, Actor.OTHER_ADMIN, Actor.INTEGRATION_FOR_INVITEE,
                Actor.INTEGRATION_FOR_OTHER);
        List<Actor> notInvitee = List.of(Actor.OWNER, Actor.OTHER_USER, Actor.OTHER_ADMIN, Actor.INTEGRATION_FOR_OTHER);
        List<Actor> notAdmin = List.of(Actor.OWNER, Actor.OTHER_USER, Actor.INTEGRATION_FOR_ADMIN);
        owner(cells, notOwner, "MoveAppointment", (p, f) -> p.moveAppointment(move(f.meetingId(), freeSlot())));
        owner(cells, notOwner, "CancelAppointment", (p, f) -> p.cancelAppointment(cancel(f.meetingId())));
        owner(cells, notOwner, "UpdateAppointment", (p, f) -> {
            UpdateAppointment change = update(f.meetingId());
            change.setTitle("Hijacked");
            p.updateAppointment(change);
        });
        owner(cells, notOwner, "GetAppointmentParticipants", (p, f) -> p.getAppointmentParticipants(participants(f.meetingId())));
        owner(cells, notOwner, "AcknowledgeDecline", (p, f) -> p.acknowledgeDecline(acknowledge(f.bobsMeetingRecord())));
        owner(cells, notOwner, "MoveTaskDueDate", (p, f) -> {
            MoveTaskDueDate change = new MoveTaskDueDate();
            change.setAppointmentId(f.taskId());
            change.setDue(freeSlot());
            p.moveTaskDueDate(change);
        });
        owner(cells, notOwner, "GetTaskDistribution", (p, f) -> p.getTaskDistribution(appointment(new AppointmentRequest(), f.taskId())));
        owner(cells, notInvitee, "AcceptInvitation", (p, f) -> p.acceptInvitation(accept(f.bobsMeetingRecord())));
        owner(cells, notInvitee, "TentativelyAcceptInvitation", (p, f) -> p.tentativelyAcceptInvitation(tentative(f.bobsMeetingRecord())));
        owner(cells, notInvitee, "DeclineInvitation", (p, f) -> p.declineInvitation(decline(f.bobsMeetingRecord(), "no")));
        owner(cells, notInvitee, "MarkInvitationSeen", (p, f) -> p.markInvitationSeen(seen(f.bobsMeetingRecord())));
        owner(cells, notInvitee, "PostponeInvitation", (p, f) -> p.postponeInvitation(postpone(f.bobsMeetingRecord())));
        owner(cells, notInvitee, "CleanUpCancelled", (p, f) -> {
            CleanUpCancelled request = new CleanUpCancelled();
            request.setRecordId(f.bobsMeetingRecord());
            p.cleanUpCancelled(request);
        });
        owner(cells, notInvitee, "ReportTaskProgress", (p, f) -> {
            ReportTaskProgress request = new ReportTaskProgress();
            request.setRecordId(f.bobsTaskRecord());
            request.setPercentDone(50);
            request.setHoursSpent(BigDecimal.ONE);
            p.reportTaskProgress(request);
        });
        owner(cells, notAdmin, "CreateAssociate", (p, f) -> {
            CreateAssociate request = new CreateAssociate();
            request.setUsername("intruder");
            request.setFullName("Intruder");
            request.setPassword("intruder-pw-1");
            p.createAssociate(request);
        });
        owner(cells, notAdmin, "SetAssociateEnabled", (p, f) -> {
            SetAssociateEnabled request = new SetAssociateEnabled();
            request.setAssociateId(bobId);
            request.setEnabled(false);
            p.setAssociateEnabled(request);
        });
        owner(cells, notAdmin, "ChangePassword (another's)", (p, f) -> {
            ChangePassword request = new ChangePassword();
            request.setAssociateId(bobId);
            request.setNewPassword("taken-over-1");
            p.changePassword(request);
        });
        owner(cells, notAdmin, "GetInvitations (another's)", (p, f) -> {
            var request = pending();
            request.setAssociateId(bobId);
            p.getInvitations(request);
        });
        owner(cells, notAdmin, "GetAuditLog", (p, f) -> p.getAuditLog(new GetAuditLog()));
        return cells.stream();
    }

    private static void owner(List<Arguments> cells, List<Actor> actors, String operation, Call call) {
        actors.forEach(actor -> cells.add(Arguments.of(operation, actor, call)));
    }

    @ParameterizedTest(name = "{0} by {1} is not allowed")
    @MethodSource("forbidden")
    void forbiddenCellGetsNotAllowedAndChangesNothing(String operation, Actor actor, Call call) throws Exception {
        Fixture fixture = fixture();
        String before = state(fixture);

        assertThrows(NotAllowedFault.class, () -> call.on(port(actor), fixture));

        assertEquals(before, state(fixture), "nothing changed");
    }

    private static Fixture fixture() throws Exception {
        var meeting = alice.createInvitation(meeting("Matrix meeting", freeSlot(), associate(bobId)));
        var created = alice.createTask(org.invitations.support.Requests.task("Matrix task", freeSlot(),
                associate(bobId)));
        bob.acceptInvitation(accept(created.getParticipant().get(0).getRecordId()));
        return new Fixture(meeting.getAppointmentId(), meeting.getParticipant().get(0).getRecordId(),
                created.getAppointmentId(), created.getParticipant().get(0).getRecordId());
    }

    /** What the owner, the invitee and the directory show; equal before and after a refused call. */
    private static String state(Fixture f) throws Exception {
        var meeting = alice.getAppointmentParticipants(participants(f.meetingId()));
        var task = alice.getTaskDistribution(appointment(new AppointmentRequest(), f.taskId()));
        ListAssociates all = new ListAssociates();
        all.setPageSize(500);
        StringBuilder state = new StringBuilder()
                .append(meeting.getAppointment().getTitle()).append('|')
                .append(meeting.getAppointment().getStart()).append('|')
                .append(meeting.getAppointment().getSequence()).append('|')
                .append(meeting.getAppointment().isCancelled()).append('|')
                .append(task.getTask().getEnd()).append('|')
                .append(task.getColleague().get(0).getProgress().getPercentDone()).append('|');
        meeting.getParticipant().forEach(p -> state.append(p.getStatus()).append(p.isSeen())
                .append(p.isDeclineAcknowledged()).append(','));
        directory.admin().listAssociates(all).getAssociate().forEach(a -> state.append(a.getUsername())
                .append(a.isEnabled()).append(';'));
        bob.getInvitations(pending()).getInvitation().forEach(i -> state.append(i.getRecordId()).append(i.isIsNew()));
        return state.toString();
    }

    private static InvitationsPortType port(Actor actor) throws Exception {
        String crm = integration.getUsername();
        String crmPassword = "password-" + crm;
        return switch (actor) {
            case OWNER -> alice;
            case INVITEE -> bob;
            case OTHER_USER -> carol;
            case OTHER_ADMIN -> directory.admin();
            case INTEGRATION_FOR_INVITEE -> Clients.onBehalfOf(server.address(), crm, crmPassword, "bob");
            case INTEGRATION_FOR_OTHER -> Clients.onBehalfOf(server.address(), crm, crmPassword, "carol");
            case INTEGRATION_FOR_ADMIN -> Clients.onBehalfOf(server.address(), crm, crmPassword, "admin");
        };
    }
}
