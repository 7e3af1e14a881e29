package org.invitations.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A relay that checks the login it is given (GreenMail with a user). */
class SmtpRelayAuthenticationTest {

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("relay@invitations.example.com", "relay", "s3cret"));

    static SmtpRelay.Settings settings() {
        return SmtpRelay.Settings.relay("127.0.0.1", greenMail.getSmtp().getPort())
                .withStartTls(SmtpRelay.StartTls.OFF)
                .withTimeouts(SmtpRelayTest.PATIENT, SmtpRelayTest.PATIENT);
    }

    @Test
    void withTheRightLoginTheMessageArrives() throws Exception {
        new SmtpRelay(settings().withLogin("relay", "s3cret")).send(SmtpRelayTest.confirmationForAse().mime());

        assertTrue(greenMail.waitForIncomingEmail(5_000, 1));
        assertEquals("Invitation: Møte om årsbudsjett", greenMail.getReceivedMessages()[0].getSubject());
    }

    @Test
    void aWrongPasswordIsNotWorthRetrying() {
        SmtpRelay relay = new SmtpRelay(settings().withLogin("relay", "wrong"));

        DeliveryFailed failed = assertThrows(DeliveryFailed.class, () -> relay.send(SmtpRelayTest.confirmationForAse().mime()));

        assertFalse(failed.retryable(), failed.getMessage());
        assertEquals(535, failed.code().orElseThrow(), failed.getMessage());
        assertEquals(0, greenMail.getReceivedMessages().length);
    }
}
