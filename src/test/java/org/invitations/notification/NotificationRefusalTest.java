package org.invitations.notification;

import static org.invitations.support.Requests.associate;
import static org.invitations.support.Requests.freeSlot;
import static org.invitations.support.Requests.meeting;
import static org.invitations.support.Requests.pending;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.invitations.support.EndpointTest;
import org.invitations.ws.generated.CreateInvitation;
import org.invitations.ws.generated.GetAuditLog;
import org.invitations.ws.generated.InvalidRequestFault;
import org.invitations.ws.generated.InvitationOptions;
import org.invitations.ws.generated.ListWebhooks;
import org.invitations.ws.generated.NotFoundFault;
import org.invitations.ws.generated.RegisterWebhook;
import org.invitations.ws.generated.RemoveWebhook;
import org.invitations.ws.generated.ResendDelivery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a server without an SMS gateway refuses, and bad webhook and delivery requests: declared faults, nothing written. */
class NotificationRefusalTest extends EndpointTest {

    @Test
    void sendSmsWithoutAGatewayIsRefusedAndNothingIsWritten() throws Exception {
        int before = bob.getInvitations(pending()).getInvitation().size();
        CreateInvitation request = meeting("Quarterly", freeSlot(), associate(bobId));
        InvitationOptions options = new InvitationOptions();
        options.setSendSms(true);
        request.setOptions(options);

        InvalidRequestFault fault = assertThrows(InvalidRequestFault.class, () -> alice.createInvitation(request));

        assertTrue(fault.getMessage().startsWith("SMS is not in use"), fault.getMessage());
        assertEquals("options/sendSms", fault.getFaultInfo().getField());
        assertEquals(before, bob.getInvitations(pending()).getInvitation().size());
    }

    @Test
    void aWebhookUrlMustBeHttpOrHttps() {
        RegisterWebhook request = new RegisterWebhook();
        request.setUrl("ftp://example.com/hooks");
        request.setSecret("a-shared-secret-of-32-characters");

        assertThrows(InvalidRequestFault.class, () -> directory.admin().registerWebhook(request));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hooks", "http://localhost/hooks", "http://[::1]:8080/hooks",
        "http://10.0.0.1/hooks", "http://169.254.169.254/latest/meta-data/", "http://[fd00::1]/hooks",
        "http://[::ffff:127.0.0.1]/hooks", "http://2130706433/hooks", "http://0177.0.0.1/hooks"})
    void aWebhookAimedAtTheServiceOwnHostOrNetworkIsRefusedAndNothingIsStored(String url) throws Exception {
        int webhooks = directory.admin().listWebhooks(new ListWebhooks()).getWebhook().size();
        long audited = auditEntries();
        RegisterWebhook request = new RegisterWebhook();
        request.setUrl(url);
        request.setSecret("a-shared-secret-of-32-characters");

        InvalidRequestFault fault = assertThrows(InvalidRequestFault.class,
                () -> directory.admin().registerWebhook(request));

        assertEquals("url", fault.getFaultInfo().getField());
        assertTrue(fault.getMessage().startsWith("url's host "), fault.getMessage());
        assertTrue(fault.getMessage().contains("--webhook-allow") || fault.getMessage().contains("four decimal numbers"),
                fault.getMessage());
        assertEquals(webhooks, directory.admin().listWebhooks(new ListWebhooks()).getWebhook().size());
        assertEquals(audited, auditEntries());
    }

    @Test
    void aWebhookUrlWithCredentialsIsRefusedWithoutEchoingThem() throws Exception {
        int webhooks = directory.admin().listWebhooks(new ListWebhooks()).getWebhook().size();
        long audited = auditEntries();
        RegisterWebhook request = new RegisterWebhook();
        request.setUrl("https://crm:s3cret-pass@hooks.example.com/invitations");
        request.setSecret("a-shared-secret-of-32-characters");

        InvalidRequestFault fault = assertThrows(InvalidRequestFault.class,
                () -> directory.admin().registerWebhook(request));

        assertEquals("url", fault.getFaultInfo().getField());
        assertEquals("url must not carry credentials (user:password@); the receiver checks each event's signature,"
                + " made with the secret", fault.getMessage());
        assertEquals(webhooks, directory.admin().listWebhooks(new ListWebhooks()).getWebhook().size());
        assertEquals(audited, auditEntries());
    }

    @Test
    void aWebhookUrlThatIsNoUriIsRefusedWithoutEchoingIt() {
        RegisterWebhook request = new RegisterWebhook();
        request.setUrl("https://crm:s3cret pass@hooks.example.com/invitations");
        request.setSecret("a-shared-secret-of-32-characters");

        InvalidRequestFault fault = assertThrows(InvalidRequestFault.class,
                () -> directory.admin().registerWebhook(request));

        assertEquals("url", fault.getFaultInfo().getField());
        assertFalse(fault.getMessage().contains("s3cret"), fault.getMessage());
    }

    @Test
    void aWebhookToAPublicNameIsRegistered() throws Exception {
        RegisterWebhook request = new RegisterWebhook();
        request.setUrl("https://hooks.example.com/invitations");
        request.setSecret("a-shared-secret-of-32-characters");

        long id = directory.admin().registerWebhook(request).getWebhook().getWebhookId();
        RemoveWebhook remove = new RemoveWebhook();
        remove.setWebhookId(id);
        directory.admin().removeWebhook(remove);
    }

    private static long auditEntries() throws Exception {
        GetAuditLog request = new GetAuditLog();
        request.setPageSize(500);
        return directory.admin().getAuditLog(request).getEntry().stream()
                .filter(e -> !e.getOperation().equals("LoginRefused")).count();
    }

    @Test
    void aSecretShorterThanSixteenCharactersIsRefused() {
        RegisterWebhook request = new RegisterWebhook();
        request.setUrl("https://example.com/hooks");
        request.setSecret("too-short");

        assertThrows(InvalidRequestFault.class, () -> directory.admin().registerWebhook(request));
    }

    @Test
    void resendingADeliveryThatDoesNotExistIsNotFound() {
        ResendDelivery request = new ResendDelivery();
        request.setDeliveryId(987_654_321L);

        assertThrows(NotFoundFault.class, () -> directory.admin().resendDelivery(request));
    }
}
