package org.invitations.ws;

import static org.invitations.support.Requests.accept;
import static org.invitations.support.Requests.acknowledge;
import static org.invitations.support.Requests.associate;
import static org.invitations.support.Requests.cancel;
import static org.invitations.support.Requests.decline;
import static org.invitations.support.Requests.freeSlot;
import static org.invitations.support.Requests.list;
import static org.invitations.support.Requests.meeting;
import static org.invitations.support.Requests.participants;
import static org.invitations.support.Requests.task;
import static org.invitations.support.Requests.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.invitations.support.Directory.Member;
import org.invitations.support.EndpointTest;
import org.invitations.support.Race;
import org.invitations.ws.generated.ChangePassword;
import org.invitations.ws.generated.CleanUpCancelled;
import org.invitations.ws.generated.CreateAssociate;
import org.invitations.ws.generated.InvitationsPortType;
import org.invitations.ws.generated.MoveTaskDueDate;
import org.invitations.ws.generated.ReportTaskProgress;
import org.junit.jupiter.api.Test;

/**
 * The write paths {@link RaceTest} does not cover, each with real parallel calls: progress against a
 * due-date move and a cancel, an acknowledge against a change of mind, clean-up against the owner
 * adding the participant again, one username created ten times at once, a password change against
 * logins. No answer is soap:Server; each ends in a state the rules allow.
 */
class MoreRacesTest extends EndpointTest {

    private static void assertClean(Race race, String... declared) {
        System.out.println(race);
        assertEquals(List.of(), race.unexpected(declared), "only OK or declared faults: " + race);
        assertTrue(race.longest().compareTo(RaceTest.ANY_CALL) < 0, race.toString());
    }

    @Test
    void progressAgainstADueDateMoveAndACancel() throws Exception {
        Member owner = directory.freshMember("tasker");
        Member colleague = directory.freshMember("worker");
        var created = owner.port().createTask(task("Race a task", freeSlot(), associate(colleague.id())));
        long recordId = created.getParticipant().get(0).getRecordId();
        colleague.port().acceptInvitation(accept(recordId));
        InvitationsPortType worker = directory.as(colleague.associate());
        InvitationsPortType boss = directory.as(owner.associate());

        Race race = new Race();
        for (int percent : new int[] {10, 40, 70, 100}) {
            ReportTaskProgress report = new ReportTaskProgress();
            report.setRecordId(recordId);
            report.setPercentDone(percent);
            report.setHoursSpent(BigDecimal.valueOf(percent / 10));
            race.add(() -> worker.reportTaskProgress(report));
        }
        MoveTaskDueDate moveDue = new MoveTaskDueDate();
        moveDue.setAppointmentId(created.getAppointmentId());
        moveDue.setDue(freeSlot());
        race.add(() -> boss.moveTaskDueDate(moveDue));
        race.add(() -> boss.cancelAppointment(cancel(created.getAppointmentId())));
        race.run(RaceTest.ANY_CALL.multipliedBy(3));

        assertClean(race, "InvalidTransitionFault", "ConcurrentModificationFault");
        var view = owner.port().getAppointmentParticipants(participants(created.getAppointmentId()));
        assertTrue(view.getAppointment().isCancelled());
        assertEquals(10, view.getParticipant().get(0).getStatus(), "a cancel wins over progress in any order");
    }

    @Test
    void acknowledgeAgainstAChangeOfMind() throws Exception {
        Member owner = directory.freshMember("asker");
        Member invitee = directory.freshMember("minded");
        long appointment = owner.port().createInvitation(meeting("Mind", freeSlot(), associate(invitee.id())))
                .getAppointmentId();
        long recordId = owner.port().getAppointmentParticipants(participants(appointment)).getParticipant().get(0)
                .getRecordId();
        invitee.port().declineInvitation(decline(recordId, "busy"));
        InvitationsPortType boss = directory.as(owner.associate());
        InvitationsPortType minded = directory.as(invitee.associate());

        Race race = new Race()
                .add(() -> boss.acknowledgeDecline(acknowledge(recordId)))
                .add(() -> minded.acceptInvitation(accept(recordId)))
                .run(RaceTest.ANY_CALL.multipliedBy(3));

        assertClean(race, "InvalidTransitionFault", "ConcurrentModificationFault");
        var line = owner.port().getAppointmentParticipants(participants(appointment)).getParticipant().get(0);
        assertEquals(1, line.getStatus(), "the change of mind stands");
    }

    @Test
    void cleanUpAgainstTheOwnerAddingTheParticipantAgain() throws Exception {
        Member owner = directory.freshMember("readder");
        Member invitee = directory.freshMember("cleaner");
        long appointment = owner.port().createInvitation(meeting("Again", freeSlot(), associate(invitee.id())))
                .getAppointmentId();
        var removal = update(appointment);
        removal.setRemoveParticipants(list(associate(invitee.id())));
        owner.port().updateAppointment(removal);
        InvitationsPortType boss = directory.as(owner.associate());
        InvitationsPortType cleaner = directory.as(invitee.associate());
        var readd = update(appointment);
        readd.setAddParticipants(list(associate(invitee.id())));

        Race race = new Race()
                .add(() -> cleaner.cleanUpCancelled(new CleanUpCancelled()))
                .add(() -> boss.updateAppointment(readd))
                .run(RaceTest.ANY_CALL.multipliedBy(3));

        assertClean(race, "InvalidRequestFault", "ConcurrentModificationFault");
        var lines = owner.port().getAppointmentParticipants(participants(appointment)).getParticipant();
        assertTrue(lines.size() <= 1, "never two records of one participant: " + lines.size());
        lines.forEach(l -> assertTrue(l.getStatus() == 5 || l.getStatus() == 10, "invited again, or cleaned up"
                + " and then added again failed: " + l.getStatus()));
    }

    @Test
    void oneUsernameCreatedTenTimesAtOnceExistsOnce() throws Exception {
        Race race = new Race();
        for (int i = 0; i < 10; i++) {
            InvitationsPortType admin = directory.admin();
            race.add(() -> {
                CreateAssociate request = new CreateAssociate();
                request.setUsername("twin-racer");
                request.setFullName("Twin Racer");
                request.setPassword("password-twin");
                return admin.createAssociate(request);
            });
        }
        race.run(RaceTest.ANY_CALL.multipliedBy(3));

        assertClean(race, "InvalidRequestFault", "ConcurrentModificationFault");
        assertEquals(1, race.count("OK"), "created once: " + race);
    }

    @Test
    void aPasswordChangeAgainstLogins() throws Exception {
        Member member = directory.freshMember("changer");
        String old = "password-" + member.associate().getUsername();
        ChangePassword change = new ChangePassword();
        change.setCurrentPassword(old);
        change.setNewPassword("brand-new-password");
        InvitationsPortType changer = directory.as(member.associate());
        Race race = new Race().add(() -> changer.changePassword(change));
        for (int i = 0; i < 10; i++) {
            InvitationsPortType port = directory.as(member.associate());
            race.add(() -> port.getInvitations(new org.invitations.ws.generated.GetInvitations()));
        }
        race.run(RaceTest.ANY_CALL.multipliedBy(3));

        assertClean(race, "FailedAuthentication", "ConcurrentModificationFault");
        assertEquals("OK", race.outcomeOf(0), "the change itself went through: " + race);
        org.junit.jupiter.api.Assertions.assertThrows(jakarta.xml.ws.soap.SOAPFaultException.class,
                () -> directory.as(member.associate()).getInvitations(new org.invitations.ws.generated.GetInvitations()),
                "the old password stops at once");
    }
}
