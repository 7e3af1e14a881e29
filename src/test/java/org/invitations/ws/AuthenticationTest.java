package org.invitations.ws;

import static org.invitations.support.Requests.pending;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.xml.ws.soap.SOAPFaultException;
import java.nio.file.Path;
import org.invitations.app.DemoData;
import org.invitations.app.InvitationsServer;
import org.invitations.support.Clients;
import org.invitations.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Every operation is called as an associate authenticated by a WS-Security UsernameToken. */
class AuthenticationTest {

    @TempDir
    static Path data;
    static InvitationsServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(data);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void correctPasswordIsLetIn() throws Exception {
        assertNotNull(Clients.as(server.address(), "alice", DemoData.ALICE_PASSWORD).getInvitations(pending()));
    }

    @Test
    void wrongPasswordIsRefused() {
        assertAuthenticationFault(() -> Clients.as(server.address(), "alice", "wrong-password")
                .getInvitations(pending()));
    }

    @Test
    void wrongPasswordIsRefusedEvenRightAfterASuccessfulLogin() throws Exception {
        Clients.as(server.address(), "bob", DemoData.BOB_PASSWORD).getInvitations(pending());

        assertAuthenticationFault(() -> Clients.as(server.address(), "bob", DemoData.BOB_PASSWORD + "x")
                .getInvitations(pending()));
    }

    @Test
    void unknownUserIsRefusedLikeAWrongPassword() {
        assertAuthenticationFault(() -> Clients.as(server.address(), "nobody", "whatever-1")
                .getInvitations(pending()));
    }

    @Test
    void missingSecurityHeaderIsRefused() {
        SOAPFaultException fault = assertThrows(SOAPFaultException.class,
                () -> Clients.anonymous(server.address()).getInvitations(pending()));

        assertTrue(fault.getMessage().contains("UsernameToken"), fault.getMessage());
    }

    @Test
    void digestPasswordIsRefusedBecauseOnlyHashesAreStored() {
        assertAuthenticationFault(() -> Clients.as(server.address(), "alice", DemoData.ALICE_PASSWORD,
                "PasswordDigest").getInvitations(pending()));
    }

    private static void assertAuthenticationFault(Executable call) {
        SOAPFaultException fault = assertThrows(SOAPFaultException.class, call);
        assertEquals("FailedAuthentication", fault.getFault().getFaultCodeAsQName().getLocalPart());
        assertTrue(fault.getMessage().startsWith("Authentication failed"), fault.getMessage());
    }
}
