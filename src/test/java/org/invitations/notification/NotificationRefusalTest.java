package org.invitations.notification;

import static org.invitations.support.Requests.associate;
import static org.invitations.support.Requests.freeSlot;
import static org.invitations.support.Requests.meeting;
import static org.invitations.support.Requests.pending;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.invitations.support.EndpointTest;
import org.invitations.ws.generated.CreateInvitation;
import org.invitations.ws.generated.InvalidRequestFault;
import org.invitations.ws.generated.InvitationOptions;
import org.invitations.ws.generated.NotFoundFault;
import org.invitations.ws.generated.RegisterWebhook;
import org.invitations.ws.generated.ResendDelivery;
import org.junit.jupiter.api.Test;

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
