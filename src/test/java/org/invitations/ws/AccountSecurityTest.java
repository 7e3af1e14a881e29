package org.invitations.ws;

import org.invitations.security.Authenticator;
import org.invitations.support.Race;
import java.time.Duration;
import static org.invitations.support.Requests.associate;
import static org.invitations.support.Requests.freeSlot;
import static org.invitations.support.Requests.meeting;
import static org.invitations.support.Requests.pending;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.xml.ws.soap.SOAPFaultException;
import java.util.List;
import org.invitations.support.Clients;
import org.invitations.support.EndpointTest;
import org.invitations.ws.generated.Associate;
import org.invitations.ws.generated.AuditEntry;
import org.invitations.ws.generated.ChangePassword;
import org.invitations.ws.generated.CreateAssociate;
import org.invitations.ws.generated.AppointmentRequest;
import org.invitations.security.AuthenticationFailed;
import org.invitations.ws.generated.GetAuditLog;
import org.invitations.ws.generated.InvalidRequestFault;
import org.invitations.ws.generated.InvitationsPortType;
import org.invitations.ws.generated.NotAllowedFault;
import org.invitations.ws.generated.Role;
import org.invitations.ws.generated.SetAssociateEnabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Accounts: passwords, disabling, lockout, integrations acting for associates, and the audit log. */
class AccountSecurityTest extends EndpointTest {

    private static String passwordOf(Associate associate) {
        return "password-" + associate.getUsername();
    }

    private static ChangePassword change(Long associateId, String current, String next) {
        ChangePassword request = new ChangePassword();
        request.setAssociateId(associateId);
        request.setCurrentPassword(current);
        request.setNewPassword(next);
        return request;
    }

    private static SetAssociateEnabled enabled(long associateId, boolean enabled) {
        SetAssociateEnabled request = new SetAssociateEnabled();
        request.setAssociateId(associateId);
        request.setEnabled(enabled);
        return request;
    }

    private static InvitationsPortType signIn(Associate associate, String password) {
        return Clients.as(server.address(), associate.getUsername(), password);
    }

    private static SOAPFaultException refused(Executable call) {
        SOAPFaultException fault = assertThrows(SOAPFaultException.class, call);
        assertEquals("FailedAuthentication", fault.getFault().getFaultCodeAsQName().getLocalPart());
        return fault;
    }

    private static List<AuditEntry> audit(Long associateId) throws Exception {
        GetAuditLog request = new GetAuditLog();
        request.setAssociateId(associateId);
        request.setPageSize(500);
        return directory.admin().getAuditLog(request).getEntry();
    }

    @Test
    void changingOwnPasswordNeedsTheCurrentOneAndTheOldOneStopsWorking() throws Exception {
        Associate ola = directory.freshAssociate("ola");
        InvitationsPortType old = signIn(ola, passwordOf(ola));
        old.getInvitations(pending());

        assertEquals("currentPassword", assertThrows(InvalidRequestFault.class,
                () -> old.changePassword(change(null, "not-the-password", "brand-new-secret"))).getFaultInfo().getField());
        old.changePassword(change(null, passwordOf(ola), "brand-new-secret"));

        refused(() -> signIn(ola, passwordOf(ola)).getInvitations(pending()));
        signIn(ola, "brand-new-secret").getInvitations(pending());
    }

    @Test
    void onlyAnAdminSetsAnotherAssociatesPassword() throws Exception {
        Associate per = directory.freshAssociate("per");

        assertThrows(NotAllowedFault.class, () -> alice.changePassword(change(per.getAssociateId(), null, "hijacked-1")));
        directory.admin().changePassword(change(per.getAssociateId(), null, "reset-by-admin"));

        signIn(per, "reset-by-admin").getInvitations(pending());
    }

    @Test
    void disablingStopsTheLoginAtOnceAndKeepsTheRecords() throws Exception {
        Associate kai = directory.freshAssociate("kai");
        InvitationsPortType asKai = signIn(kai, passwordOf(kai));
        long recordId = alice.createInvitation(meeting("For kai", freeSlot(), associate(kai.getAssociateId())))
                .getParticipant().get(0).getRecordId();
        asKai.getInvitations(pending());

        Associate disabled = directory.admin().setAssociateEnabled(enabled(kai.getAssociateId(), false)).getAssociate();

        assertFalse(disabled.isEnabled());
        SOAPFaultException fault = refused(() -> asKai.getInvitations(pending()));
        assertEquals(AuthenticationFailed.GENERIC, fault.getMessage(), "reads like any refused login");
        assertTrue(audit(kai.getAssociateId()).stream().anyMatch(e -> e.getOperation().equals("LoginRefused")
                && "disabled".equals(e.getDetail())), "the audit log says why");
        var request = pending();
        request.setAssociateId(kai.getAssociateId());
        assertEquals(recordId, directory.admin().getInvitations(request).getInvitation().get(0).getRecordId(),
                "its records stay");

        directory.admin().setAssociateEnabled(enabled(kai.getAssociateId(), true));
        asKai.getInvitations(pending());
    }

    @Test
    void onlyAnAdminDisablesAndNotItself() throws Exception {
        Associate eli = directory.freshAssociate("eli");

        assertThrows(NotAllowedFault.class, () -> alice.setAssociateEnabled(enabled(eli.getAssociateId(), false)));
        assertEquals("associateId", assertThrows(InvalidRequestFault.class,
                () -> directory.admin().setAssociateEnabled(enabled(directory.idOf("admin"), false))).getFaultInfo().getField());
    }

    /**
     * Every client here connects from 127.0.0.1, one source: five wrong passwords pause it for the
     * account (see {@link LoginThrottleEndpointTest} for the account working from other sources).
     */
    @Test
    void fiveWrongPasswordsPauseTheirSourceThoughTheFaultReadsLikeAnyOther() throws Exception {
        Associate guy = directory.freshAssociate("guy");
        for (int i = 0; i < 4; i++) {
            SOAPFaultException fault = refused(() -> signIn(guy, "guess-" + System.nanoTime()).getInvitations(pending()));
            assertEquals(AuthenticationFailed.GENERIC, fault.getMessage());
        }

        SOAPFaultException fifth = refused(() -> signIn(guy, "guess-five").getInvitations(pending()));
        SOAPFaultException rightButLocked = refused(() -> signIn(guy, passwordOf(guy)).getInvitations(pending()));

        assertEquals(AuthenticationFailed.GENERIC, fifth.getMessage(), "the pause is not revealed to the caller");
        assertEquals(AuthenticationFailed.GENERIC, rightButLocked.getMessage(),
                "the right password is refused from the paused source");
        assertTrue(audit(guy.getAssociateId()).stream().anyMatch(e -> e.getOperation().equals("LoginRefused")
                && e.getDetail().startsWith("wrong password; tries from 127.0.0.1 paused until")),
                "the audit log tells the pause and its source apart");
    }

    @Test
    void aRightPasswordEndsTheRunOfFailures() throws Exception {
        Associate ian = directory.freshAssociate("ian");
        for (int i = 0; i < 4; i++) {
            refused(() -> signIn(ian, "wrong-" + System.nanoTime()).getInvitations(pending()));
        }
        signIn(ian, passwordOf(ian)).getInvitations(pending());

        refused(() -> signIn(ian, "wrong-again").getInvitations(pending()));

        signIn(ian, passwordOf(ian)).getInvitations(pending());
        assertTrue(audit(ian.getAssociateId()).stream().noneMatch(e -> e.getDetail() != null
                && e.getDetail().contains("paused")), "four, then one more, is not five in a row");
    }

    @Test
    void integrationActsOnBehalfOfANamedAssociateAndTheAuditSaysThrough() throws Exception {
        Associate crm = integrationAccount("legacy-crm");
        InvitationsPortType asAliceViaCrm = Clients.onBehalfOf(server.address(), crm.getUsername(), passwordOf(crm), "alice");

        var created = asAliceViaCrm.createInvitation(meeting("Booked by the CRM", freeSlot(), associate(bobId)));

        AppointmentRequest view = new AppointmentRequest();
        view.setAppointmentId(created.getAppointmentId());
        assertEquals("Alice Andersen", alice.getAppointmentParticipants(view).getAppointment().getOwnerName(),
                "made as alice");
        AuditEntry entry = audit(aliceId).stream()
                .filter(e -> e.getOperation().equals("CreateInvitation") && e.getTargetId() == created.getAppointmentId())
                .findFirst().orElseThrow();
        assertEquals("alice", entry.getUsername());
        assertEquals(crm.getUsername(), entry.getIntegration());
    }

    @Test
    void integrationWithoutOnBehalfOfOrForAnUnknownAssociateIsNotAllowed() throws Exception {
        Associate crm = integrationAccount("erp");

        assertThrows(NotAllowedFault.class, () -> Clients.as(server.address(), crm.getUsername(), passwordOf(crm))
                .getInvitations(pending()));
        assertThrows(NotAllowedFault.class, () -> Clients.onBehalfOf(server.address(), crm.getUsername(),
                passwordOf(crm), "nobody-here").getInvitations(pending()));
        assertThrows(NotAllowedFault.class, () -> Clients.onBehalfOf(server.address(), crm.getUsername(),
                passwordOf(crm), crm.getUsername()).getInvitations(pending()));
    }

    @Test
    void integrationNeverGetsAdminRights() throws Exception {
        Associate crm = integrationAccount("hr");
        InvitationsPortType asAdminViaHr = Clients.onBehalfOf(server.address(), crm.getUsername(), passwordOf(crm), "admin");

        NotAllowedFault fault = assertThrows(NotAllowedFault.class, () -> asAdminViaHr.createAssociate(newUser("sneaky")));
        assertTrue(fault.getMessage().contains("integration"), fault.getMessage());
        assertThrows(NotAllowedFault.class, () -> asAdminViaHr.getAuditLog(new GetAuditLog()));
    }

    @Test
    void userMayNotSendOnBehalfOf() throws Exception {
        NotAllowedFault fault = assertThrows(NotAllowedFault.class, () -> Clients.onBehalfOf(server.address(), "carol",
                org.invitations.app.DemoData.CAROL_PASSWORD, "alice").getInvitations(pending()));

        assertTrue(fault.getMessage().contains("Only an INTEGRATION"), fault.getMessage());
    }

    @Test
    void auditLogRecordsWhoDidWhatAndWhenAndOnlyAnAdminReadsIt() throws Exception {
        Associate lea = directory.freshAssociate("lea");
        InvitationsPortType asLea = signIn(lea, passwordOf(lea));
        var created = asLea.createInvitation(meeting("Audited", freeSlot(), associate(bobId)));
        bob.declineInvitation(org.invitations.support.Requests.decline(created.getParticipant().get(0).getRecordId(), "no"));

        List<AuditEntry> leas = audit(lea.getAssociateId());
        assertEquals("CreateInvitation", leas.get(0).getOperation());
        assertEquals(created.getAppointmentId(), leas.get(0).getTargetId());
        assertEquals("lea" , leas.get(0).getUsername().replaceAll("\\d", ""));
        assertNull(leas.get(0).getIntegration());
        assertTrue(leas.get(0).getAt() != null);
        assertTrue(audit(bobId).stream().anyMatch(e -> e.getOperation().equals("DeclineInvitation")
                && e.getDetail().equals("5 -> 9")));
        assertThrows(NotAllowedFault.class, () -> asLea.getAuditLog(new GetAuditLog()));
    }

    @Test
    void refusedChangesLeaveNoAuditEntry() throws Exception {
        Associate max = directory.freshAssociate("max");
        InvitationsPortType asMax = signIn(max, passwordOf(max));
        var request = meeting("Backwards", freeSlot(), associate(bobId));
        request.setEnd(request.getStart().minusHours(1));

        assertThrows(InvalidRequestFault.class, () -> asMax.createInvitation(request));

        assertTrue(audit(max.getAssociateId()).isEmpty());
    }

    @Test
    void thirtyNineWrongPasswordsAndTheRightOneAtOnceAreCheckedAtMostFiveInARow() throws Exception {
        Associate zoe = directory.freshAssociate("zoe");
        Race race = new Race();
        race.add(() -> signIn(zoe, passwordOf(zoe)).getInvitations(pending()));
        for (int i = 0; i < 39; i++) {
            String guess = "guess-" + i;
            race.add(() -> signIn(zoe, guess).getInvitations(pending()));
        }
        race.run(Duration.ofSeconds(60));

        System.out.println("39 wrong passwords and the right one at once: " + race);
        assertEquals(List.of(), race.unexpected("FailedAuthentication"), "each call is answered OK or FailedAuthentication: " + race);
        List<AuditEntry> refusals = audit(zoe.getAssociateId()).stream()
                .filter(e -> e.getOperation().equals("LoginRefused"))
                .sorted(java.util.Comparator.comparingLong(AuditEntry::getEventId)).toList();
        int locks = 0;
        for (AuditEntry refusal : refusals) {
            assertEquals(0, locks, "no password is checked once the source is paused: " + refusals.size());
            locks += refusal.getDetail().contains("paused until") ? 1 : 0;
        }
        assertEquals(1, locks, "39 wrong passwords pause their source once");
        // Five wrong ones in a row lock; a success in between (if the right one came early) ends a run.
        assertEquals(race.count("OK") == 0 ? Authenticator.MAX_FAILURES : refusals.size(), refusals.size());
        assertTrue(refusals.size() <= (race.count("OK") + 1) * Authenticator.MAX_FAILURES, "checked: " + refusals.size());
        refused(() -> signIn(zoe, passwordOf(zoe)).getInvitations(pending()));
    }

    /** A paused source cannot test guesses against a cached login either: the throttle comes first. */
    @Test
    void aCachedLoginStopsAtOnceWhenItsSourceIsPaused() throws Exception {
        Associate una = directory.freshAssociate("una");
        InvitationsPortType asUna = signIn(una, passwordOf(una));
        asUna.getInvitations(pending());

        for (int i = 0; i < Authenticator.MAX_FAILURES; i++) {
            refused(() -> signIn(una, "guess-" + System.nanoTime()).getInvitations(pending()));
        }

        refused(() -> asUna.getInvitations(pending()));
    }

    @Test
    void wrongCurrentPasswordsInChangePasswordPauseChangePasswordButNotTheLogin() throws Exception {
        Associate vic = directory.freshAssociate("vic");
        InvitationsPortType asVic = signIn(vic, passwordOf(vic));
        for (int i = 0; i < Authenticator.MAX_FAILURES; i++) {
            String guess = "guessing-" + i;
            assertThrows(InvalidRequestFault.class, () -> asVic.changePassword(change(null, guess, "taken-over-1")));
        }

        assertThrows(InvalidRequestFault.class, () -> asVic.changePassword(change(null, passwordOf(vic),
                "taken-over-1")), "the current password is not checked for a while");
        refused(() -> signIn(vic, "taken-over-1").getInvitations(pending()));
        signIn(vic, passwordOf(vic)).getInvitations(pending());
    }

    @Test
    void anIntegrationCannotChangeAnyonesPassword() throws Exception {
        Associate crm = integrationAccount("pw-crm");
        Associate wes = directory.freshAssociate("wes");
        InvitationsPortType asWesViaCrm = Clients.onBehalfOf(server.address(), crm.getUsername(), passwordOf(crm),
                wes.getUsername());
        long adminId = directory.idOf("admin");

        assertThrows(NotAllowedFault.class, () -> asWesViaCrm.changePassword(change(null, passwordOf(wes), "by-crm-1")));
        assertThrows(NotAllowedFault.class, () -> asWesViaCrm.changePassword(change(adminId, "admin-guess", "by-crm-1")));
        for (int i = 0; i < 2 * Authenticator.MAX_FAILURES; i++) {
            String guess = "guessing-" + i;
            assertThrows(NotAllowedFault.class, () -> asWesViaCrm.changePassword(change(null, guess, "by-crm-1")));
        }

        signIn(wes, passwordOf(wes)).getInvitations(pending());
        directory.admin().getInvitations(pending());
        assertTrue(audit(wes.getAssociateId()).stream().noneMatch(e -> e.getOperation().equals("ChangePassword")
                || e.getOperation().equals("LoginRefused")), "nothing changed, nothing counted");
    }

    private static Associate integrationAccount(String name) throws Exception {
        CreateAssociate request = newUser(name);
        request.setRole(Role.INTEGRATION);
        return directory.admin().createAssociate(request).getAssociate();
    }

    private static CreateAssociate newUser(String name) {
        CreateAssociate request = new CreateAssociate();
        request.setUsername(name);
        request.setFullName("System " + name);
        request.setPassword("password-" + name);
        return request;
    }
}
