package org.invitations.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Through a real SMTP server in the JVM (GreenMail), and a scripted one for the replies GreenMail never gives. */
class SmtpRelayTest {

    /** Room for a busy machine where an answer is expected. */
    static final Duration PATIENT = Duration.ofSeconds(10);
    /** Where the test waits for the timeout itself. */
    static final Duration SHORT = Duration.ofMillis(500);

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    static SmtpRelay relayAt(int port) {
        return new SmtpRelay(SmtpRelay.Settings.relay("127.0.0.1", port)
                .withStartTls(SmtpRelay.StartTls.OFF)
                .withTimeouts(PATIENT, PATIENT));
    }

    static SmtpRelay greenMailRelay() {
        return relayAt(greenMail.getSmtp().getPort());
    }

    static Confirmation confirmationForAse() {
        return ConfirmationsTest.confirmations()
                .message(ConfirmationsTest.budgetMeeting(), Method.REQUEST, ConfirmationsTest.ase());
    }

    @Test
    void confirmationArrivesAtTheRecipientWithItsCalendar() throws Exception {
        Confirmation confirmation = confirmationForAse();

        String messageId = greenMailRelay().send(confirmation.mime());

        assertEquals(confirmation.messageId(), messageId);
        assertTrue(greenMail.waitForIncomingEmail(5_000, 1));
        MimeMessage[] received = greenMail.getReceivedMessagesForDomain("fjordline.example");
        assertEquals(1, received.length);
        MimeMessage message = received[0];
        assertEquals("ase@fjordline.example", ((InternetAddress) message.getRecipients(RecipientType.TO)[0]).getAddress());
        assertEquals("Åse Ødegård", ((InternetAddress) message.getRecipients(RecipientType.TO)[0]).getPersonal());
        assertEquals("Invitation: Møte om årsbudsjett", message.getSubject());
        assertEquals(confirmation.messageId(), message.getMessageID(), "the Message-ID is kept, not made anew");

        Calendar calendar = MimeParts.calendar(MimeParts.text(MimeParts.only(message, "text/calendar")));
        VEvent event = calendar.<VEvent>getComponent("VEVENT").orElseThrow();
        assertEquals("REQUEST", calendar.getProperty("METHOD").map(Property::getValue).orElseThrow());
        assertEquals("appointment-42@invitations.example.com", event.getProperty("UID").map(Property::getValue).orElseThrow());
        assertEquals("Møte om årsbudsjett", event.getProperty("SUMMARY").map(Property::getValue).orElseThrow());
    }

    @Test
    void everyMessageOfABatchArrivesAtItsOwnRecipient() throws Exception {
        ConfirmationBatch batch = ConfirmationsTest.confirmations()
                .messages(ConfirmationsTest.budgetMeeting(), Method.CANCEL);
        SmtpRelay relay = greenMailRelay();

        for (Confirmation confirmation : batch.messages()) {
            relay.send(confirmation.mime());
        }

        assertTrue(greenMail.waitForIncomingEmail(5_000, 2));
        List<String> arrived = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            InternetAddress to = (InternetAddress) message.getRecipients(RecipientType.TO)[0];
            arrived.add(to.getPersonal() + " <" + to.getAddress() + "> " + message.getSubject());
        }
        Collections.sort(arrived);
        assertEquals(List.of("Ola Nordmann <ola@fjordline.example> Cancelled: Møte om årsbudsjett",
                "Åse Ødegård <ase@fjordline.example> Cancelled: Møte om årsbudsjett"), arrived);
    }

    @Test
    void requiredStartTlsSendsNothingToARelayThatDoesNotOfferIt() {
        SmtpRelay relay = new SmtpRelay(SmtpRelay.Settings.relay("127.0.0.1", greenMail.getSmtp().getPort())
                .withTimeouts(PATIENT, PATIENT));

        DeliveryFailed failed = assertThrows(DeliveryFailed.class, () -> relay.send(confirmationForAse().mime()));

        assertFalse(failed.retryable(), failed.getMessage());
        assertTrue(failed.getMessage().contains("STARTTLS"), failed.getMessage());
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void aRelayThatTricklesItsGreetingIsGivenUpAtTheDeadline() throws Exception {
        List<Socket> connections = new CopyOnWriteArrayList<>();
        ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    Socket connection = listening.accept();
                    connection.getOutputStream().write("220 ".getBytes(StandardCharsets.US_ASCII));
                    connections.add(connection);
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            // a byte every 300 ms: each read finishes well inside the relay's 10 s read timeout
            drip.scheduleWithFixedDelay(() -> connections.forEach(c -> {
                try {
                    c.getOutputStream().write('x');
                } catch (IOException closedByTheClient) {
                    connections.remove(c);
                }
            }), 300, 300, TimeUnit.MILLISECONDS);
            long started = System.nanoTime();

            DeliveryFailed failed = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> assertThrows(
                    DeliveryFailed.class,
                    () -> relayAt(listening.getLocalPort()).send(confirmationForAse().mime(), Duration.ofSeconds(2))));

            assertTrue(failed.retryable(), failed.getMessage());
            assertTrue(failed.getMessage().contains("timed out after 2s"), failed.getMessage());
            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofMillis(3_500)) < 0,
                    "gave up at the deadline, not at a read timeout");
        } finally {
            drip.shutdownNow();
            for (Socket connection : connections) {
                connection.close();
            }
        }
    }

    @Test
    void aRelayThatIsDownIsWorthRetrying() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        DeliveryFailed failed = assertThrows(DeliveryFailed.class,
                () -> relayAt(closedPort).send(confirmationForAse().mime()));

        assertTrue(failed.retryable(), failed.getMessage());
        assertTrue(failed.code().isEmpty());
        assertTrue(failed.getMessage().contains("127.0.0.1:" + closedPort), failed.getMessage());
    }

    @Test
    void aRelayThatNeverGreetsTimesOutAndIsWorthRetrying() throws IOException {
        // Listening but never accepting: the connection is made by the kernel, no greeting ever comes.
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            long started = System.nanoTime();

            SmtpRelay relay = new SmtpRelay(SmtpRelay.Settings.relay("127.0.0.1", silent.getLocalPort())
                    .withStartTls(SmtpRelay.StartTls.OFF)
                    .withTimeouts(PATIENT, SHORT));

            DeliveryFailed failed = assertThrows(DeliveryFailed.class, () -> relay.send(confirmationForAse().mime()));

            assertTrue(failed.retryable(), failed.getMessage());
            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(PATIENT) < 0,
                    "gave up after the read timeout");
        }
    }

    @Test
    void aTemporaryRejectionIsWorthRetrying() throws IOException {
        try (ScriptedSmtpServer relay = ScriptedSmtpServer.replying(
                Map.of("RCPT", "451 4.7.1 Greylisted, please try again later"))) {

            DeliveryFailed failed = assertThrows(DeliveryFailed.class,
                    () -> relayAt(relay.port()).send(confirmationForAse().mime()));

            assertTrue(failed.retryable(), failed.getMessage());
            assertEquals(451, failed.code().orElseThrow());
            assertFalse(relay.heard().contains("DATA"), "nothing was sent");
        }
    }

    @Test
    void aRelayThatIsBusyAtTheEndOfTheMessageIsWorthRetrying() throws IOException {
        try (ScriptedSmtpServer relay = ScriptedSmtpServer.replying(
                Map.of("DATA-END", "452 4.3.1 Insufficient system storage"))) {

            DeliveryFailed failed = assertThrows(DeliveryFailed.class,
                    () -> relayAt(relay.port()).send(confirmationForAse().mime()));

            assertTrue(failed.retryable(), failed.getMessage());
            assertEquals(452, failed.code().orElseThrow());
        }
    }

    @Test
    void aPermanentRejectionIsNotWorthRetrying() throws IOException {
        try (ScriptedSmtpServer relay = ScriptedSmtpServer.replying(
                Map.of("RCPT", "550 5.1.1 <ase@fjordline.example>: Recipient address rejected: User unknown"))) {

            DeliveryFailed failed = assertThrows(DeliveryFailed.class,
                    () -> relayAt(relay.port()).send(confirmationForAse().mime()));

            assertFalse(failed.retryable(), failed.getMessage());
            assertEquals(550, failed.code().orElseThrow());
            assertTrue(failed.getMessage().contains("User unknown"), failed.getMessage());
        }
    }

    @Test
    void aRefusedSenderIsNotWorthRetrying() throws IOException {
        try (ScriptedSmtpServer relay = ScriptedSmtpServer.replying(
                Map.of("MAIL", "553 5.7.1 Sender address rejected: not owned by user"))) {

            DeliveryFailed failed = assertThrows(DeliveryFailed.class,
                    () -> relayAt(relay.port()).send(confirmationForAse().mime()));

            assertFalse(failed.retryable(), failed.getMessage());
            assertEquals(553, failed.code().orElseThrow());
        }
    }

    @Test
    void withoutLoginARelayThatWantsOneRefusesForGood() throws IOException {
        try (ScriptedSmtpServer relay = ScriptedSmtpServer.replying(
                Map.of("MAIL", "530 5.7.0 Authentication required"))) {

            DeliveryFailed failed = assertThrows(DeliveryFailed.class,
                    () -> relayAt(relay.port()).send(confirmationForAse().mime()));

            assertFalse(failed.retryable(), failed.getMessage());
            assertEquals(530, failed.code().orElseThrow());
        }
    }

    @Test
    void aMessageWithoutRecipientsIsRefusedBeforeConnecting() {
        assertThrows(IllegalArgumentException.class,
                () -> greenMailRelay().send("From: a@example.com\r\nSubject: x\r\n\r\nbody\r\n"));
    }

    @Test
    void settingsAreCheckedAndPrintedWithoutThePassword() {
        SmtpRelay.Settings settings = SmtpRelay.Settings.relay("smtp.example.com", 587).withLogin("relay", "s3cret");

        assertEquals(SmtpRelay.StartTls.REQUIRED, settings.startTls(), "STARTTLS is required unless turned off");
        assertEquals(Duration.ofSeconds(10), settings.connectTimeout());
        assertEquals(Duration.ofSeconds(10), settings.readTimeout());
        assertFalse(settings.toString().contains("s3cret"), settings.toString());
        assertThrows(IllegalArgumentException.class, () -> settings.withLogin("relay", null));
        assertThrows(IllegalArgumentException.class, () -> SmtpRelay.Settings.relay("smtp.example.com", 0));
        assertThrows(IllegalArgumentException.class, () -> SmtpRelay.Settings.relay(" ", 25));
        assertThrows(IllegalArgumentException.class, () -> settings.withTimeouts(Duration.ZERO, PATIENT));
    }
}
