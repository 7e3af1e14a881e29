package org.invitations.reply;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.invitations.support.Requests.associate;
import static org.invitations.support.Requests.freeSlot;
import static org.invitations.support.Requests.meeting;
import static org.invitations.support.Requests.participants;
import static org.invitations.support.Requests.person;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.invitations.app.InvitationsServer;
import org.invitations.notification.NotificationSettings;
import org.invitations.notification.WebhookTargets;
import org.invitations.support.Directory;
import org.invitations.support.GreenMailbox;
import org.invitations.support.Postgres;
import org.invitations.support.Race;
import org.invitations.support.ReplyFixtures;
import org.invitations.support.TestServer;
import org.invitations.ws.generated.Contact;
import org.invitations.ws.generated.CreateContact;
import org.invitations.ws.generated.CreateInvitation;
import org.invitations.ws.generated.ExternalAnswer;
import org.invitations.ws.generated.NewPerson;
import org.invitations.ws.generated.ParticipantView;
import org.invitations.ws.generated.RegisterWebhook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Two service nodes (each its own Hibernate, pool and IMAP connection) on one PostgreSQL database read one
 * mailbox at the same moment: both fetch the same messages, and every reply is applied exactly once, recorded
 * once, claimed once and raises its person.replied event once, whichever node took it in.
 */
class ImapReaderOnTwoNodesOnPostgresTest {

    private static final int MEETINGS = 12;
    private static final int PERSONS = 5;

    @TempDir
    Path data;

    @Test
    void sixtyRepliesReadByTwoNodesAtOnceAreEachAppliedExactlyOnce() throws Exception {
        String url = Postgres.freshDatabase();
        WireMockServer receiver = new WireMockServer(options().dynamicPort());
        receiver.start();
        receiver.stubFor(post(urlEqualTo("/events")).willReturn(aResponse().withStatus(204)));
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(log);
        try (GreenMailbox mailbox = new GreenMailbox();
             InvitationsServer a = node(url, data.resolve("a"), mailbox);
             InvitationsServer b = node(url, data.resolve("b"), mailbox)) {
            Directory viaA = new Directory(a.address());
            RegisterWebhook webhook = new RegisterWebhook();
            webhook.setUrl(receiver.baseUrl() + "/events");
            webhook.setSecret("a-shared-secret-of-32-characters");
            viaA.admin().registerWebhook(webhook);
            long bob = viaA.idOf("bob");
            List<long[]> answering = new ArrayList<>(); // appointment, person
            for (int m = 0; m < MEETINGS; m++) {
                CreateContact customer = new CreateContact();
                customer.setName("Two nodes " + m);
                for (int p = 0; p < PERSONS; p++) {
                    NewPerson person = new NewPerson();
                    person.setFullName("Person " + m + "." + p);
                    person.setEmail("p" + m + "." + p + "@two-nodes.example");
                    customer.getPerson().add(person);
                }
                Contact contact = viaA.admin().createContact(customer).getContact();
                CreateInvitation request = meeting("Two nodes " + m, freeSlot(), associate(bob));
                contact.getPerson().forEach(p -> request.getParticipants().getParticipant()
                        .add(person(p.getPersonId())));
                long appointment = viaA.alice().createInvitation(request).getAppointmentId();
                for (var p : contact.getPerson()) {
                    answering.add(new long[] {appointment, p.getPersonId()});
                    String calendar = ReplyFixtures.load("rfc5546-reply-accepted.ics", Map.of(
                            "uid", "appointment-" + appointment + "@invitations.local", "attendee", p.getEmail(),
                            "organizer", "alice@example.com"));
                    mailbox.deliver(GreenMailbox.mailOf(calendar, p.getEmail(), GreenMailbox.freshMessageId()));
                }
            }
            assertEquals(MEETINGS * PERSONS, mailbox.count("INBOX"));

            ConcurrentLinkedQueue<MailboxReader.Pass> passes = new ConcurrentLinkedQueue<>();
            int rounds = 0;
            while (mailbox.count("INBOX") > 0 && rounds < 10) {
                rounds++;
                Race race = new Race()
                        .add(() -> passes.add(a.mailboxReader().pollOnce()))
                        .add(() -> passes.add(b.mailboxReader().pollOnce()))
                        .run(Duration.ofSeconds(300));
                assertEquals(List.of(), race.unexpected(), race.toString());
            }

            int takenIn = passes.stream().mapToInt(MailboxReader.Pass::takenIn).sum();
            int alreadyTaken = passes.stream().mapToInt(MailboxReader.Pass::alreadyTaken).sum();
            int failed = passes.stream().mapToInt(MailboxReader.Pass::failed).sum();
            System.out.println("two nodes, one mailbox of " + MEETINGS * PERSONS + " replies: " + rounds
                    + " round(s); taken in " + takenIn + ", found taken in by the other node " + alreadyTaken
                    + ", failed " + failed + "; passes " + passes);
            assertEquals(0, mailbox.count("INBOX"), "the inbox is empty");
            assertEquals(MEETINGS * PERSONS, takenIn, passes.toString());
            assertEquals(0, failed, passes.toString());
            assertEquals(MEETINGS * PERSONS, count(url, "select count(*) from calendar_reply"));
            assertEquals(MEETINGS * PERSONS, count(url, "select count(*) from calendar_reply where outcome = 'APPLIED'"));
            assertEquals(MEETINGS * PERSONS, count(url, "select count(*) from mailbox_message"));
            assertEquals(MEETINGS * PERSONS, count(url, "select count(distinct message_key) from mailbox_message"));
            assertEquals(MEETINGS * PERSONS, count(url,
                    "select count(*) from outbox_item where event_type = 'person.replied'"),
                    "one person.replied event per reply");
            for (long[] answer : answering) {
                ParticipantView line = viaA.alice().getAppointmentParticipants(participants(answer[0]))
                        .getParticipant().stream().filter(p -> p.getParticipant().getPersonId() != null
                                && p.getParticipant().getPersonId() == answer[1]).findFirst().orElseThrow();
                assertEquals(ExternalAnswer.ACCEPTED, line.getExternalReply().getAnswer());
            }
            List<String> errors = log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)
                    || e.getLevel() == Level.WARN && e.getLoggerName().equals(MailboxReader.class.getName()))
                    .map(ILoggingEvent::getFormattedMessage).toList();
            assertEquals(List.of(), errors, "no error lines, no message the reader failed or could not move");
        } finally {
            root.detachAppender(log);
            receiver.stop();
        }
    }

    private static InvitationsServer node(String jdbcUrl, Path dataDir, GreenMailbox mailbox) {
        return InvitationsServer.start(TestServer.config(dataDir, TestServer.freePort()).toBuilder()
                .jdbcUrl(jdbcUrl).jdbcUser("postgres").jdbcPassword("postgres").imap(mailbox.settings())
                .notifications(NotificationSettings.DEFAULT.withWebhookTargets(
                        WebhookTargets.allowing("localhost,127.0.0.0/8")))
                .build());
    }

    private static long count(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
             Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
