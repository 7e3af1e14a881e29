package org.invitations.reply;

import static org.invitations.support.Requests.associate;
import static org.invitations.support.Requests.cancel;
import static org.invitations.support.Requests.freeSlot;
import static org.invitations.support.Requests.meeting;
import static org.invitations.support.Requests.participants;
import static org.invitations.support.Requests.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.invitations.app.InvitationsServer;
import org.invitations.app.ServerConfig;
import org.invitations.support.Directory;
import org.invitations.support.GreenMailbox;
import org.invitations.support.ReplyFixtures;
import org.invitations.support.TestServer;
import org.invitations.ws.generated.CalendarReply;
import org.invitations.ws.generated.Contact;
import org.invitations.ws.generated.CreateContact;
import org.invitations.ws.generated.CreateInvitation;
import org.invitations.ws.generated.CreateInvitationResponse;
import org.invitations.ws.generated.ExternalAnswer;
import org.invitations.ws.generated.ExternalReply;
import org.invitations.ws.generated.GetAppointmentParticipantsResponse;
import org.invitations.ws.generated.InvitationsPortType;
import org.invitations.ws.generated.ListCalendarReplies;
import org.invitations.ws.generated.NewPerson;
import org.invitations.ws.generated.ParticipantView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/**
 * The service reads the replies mailbox itself (IMAP, GreenMail): the messages of src/test/resources/replies as
 * the major calendar programs send them, delivered over SMTP, change the owner's view exactly as expected once the
 * reader's pass took them in; hostile and odd mail is recorded and refused (or changes nothing) and the pass goes
 * on; every message is taken in once, across a restart, and moved to Processed; the reader outlives the IMAP
 * server going away.
 */
class ImapReaderTest {

    private static final AtomicInteger FRESH = new AtomicInteger();
    private static final String DOMAIN = "invitations.local";

    @TempDir
    static Path data;
    static GreenMailbox mailbox;
    static ServerConfig config;
    static InvitationsServer server;
    static Directory directory;
    static InvitationsPortType alice;
    static long bobId;

    @BeforeAll
    static void start(TestInfo test) throws Exception {
        mailbox = new GreenMailbox();
        config = TestServer.configFor(test.getTestClass().orElse(null), data).toBuilder().imap(mailbox.settings())
                .build();
        server = InvitationsServer.start(config);
        directory = new Directory(server.address());
        alice = directory.alice();
        bobId = directory.idOf("bob");
    }

    @AfterAll
    static void stop() {
        server.close();
        mailbox.close();
    }

    @BeforeEach
    void theInboxIsEmpty() {
        assertEquals(0, mailbox.count("INBOX"), "a test starts with an empty inbox");
    }

    /** Alice's meeting with Ola and Kari of a fresh customer (each with an address of their own) and Bob. */
    record Meeting(long appointmentId, long contactId, long ola, long kari, String olaEmail, String kariEmail) {

        String uid() {
            return "appointment-" + appointmentId + "@" + DOMAIN;
        }

        Map<String, String> values() {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("uid", uid());
            values.put("attendee", olaEmail);
            values.put("ATTENDEE", olaEmail.toUpperCase(Locale.ROOT));
            values.put("organizer", "alice@example.com");
            values.put("other", kariEmail);
            return values;
        }

        Map<String, String> valuesOfKari() {
            Map<String, String> values = values();
            values.put("attendee", kariEmail);
            values.put("ATTENDEE", kariEmail.toUpperCase(Locale.ROOT));
            return values;
        }
    }

    static Meeting meetingWithOla() throws Exception {
        int n = FRESH.incrementAndGet();
        CreateContact customer = new CreateContact();
        customer.setName("Fjordline IMAP " + n);
        customer.getPerson().add(newPerson("Ola Nordmann", "ola.imap." + n + "@fjordline.example"));
        customer.getPerson().add(newPerson("Kari Nordmann", "kari.imap." + n + "@fjordline.example"));
        Contact contact = directory.admin().createContact(customer).getContact();
        long ola = contact.getPerson().get(0).getPersonId();
        long kari = contact.getPerson().get(1).getPersonId();
        CreateInvitation request = meeting("Budsjettmøte", freeSlot());
        request.getParticipants().getParticipant().addAll(List.of(person(ola), person(kari), associate(bobId)));
        CreateInvitationResponse created = alice.createInvitation(request);
        return new Meeting(created.getAppointmentId(), contact.getContactId(), ola, kari,
                contact.getPerson().get(0).getEmail(), contact.getPerson().get(1).getEmail());
    }

    private static NewPerson newPerson(String name, String email) {
        NewPerson person = new NewPerson();
        person.setFullName(name);
        person.setEmail(email);
        return person;
    }

    /**
     * The fixture as the client mails it, with a Message-ID of its own (every real message has one): an .eml
     * fixture as written, a calendar part alone inside the simplest iMIP message.
     */
    static String mail(String fixture, Map<String, String> values) {
        String text = ReplyFixtures.load(fixture, values);
        String messageId = GreenMailbox.freshMessageId();
        return ReplyFixtures.isMime(fixture) ? GreenMailbox.withMessageId(text, messageId)
                : GreenMailbox.mailOf(text, values.get("attendee"), messageId);
    }

    static MailboxReader.Pass poll() {
        return server.mailboxReader().pollOnce();
    }

    static GetAppointmentParticipantsResponse view(long appointmentId) throws Exception {
        return alice.getAppointmentParticipants(participants(appointmentId));
    }

    static ParticipantView line(GetAppointmentParticipantsResponse view, long personId) {
        return view.getParticipant().stream()
                .filter(p -> p.getParticipant().getPersonId() != null && p.getParticipant().getPersonId() == personId)
                .findFirst().orElseThrow();
    }

    /** Everything the owner sees of the meeting's lines but the persons' external replies. */
    static List<String> otherwise(GetAppointmentParticipantsResponse view) {
        return view.getParticipant().stream().map(line -> line.getRecordId() + " " + line.getKind() + " "
                + line.getStatus() + " " + line.getAnswer() + " " + line.isSeen() + " " + line.getDeclineReason()
                + " " + line.isConflict() + " " + line.getException().size() + " " + line.getProposal().size())
                .toList();
    }

    /** The recorded messages after {@code afterId}, oldest first (ListCalendarReplies, as an ADMIN reads them). */
    static List<CalendarReply> recordedAfter(long afterId) throws Exception {
        ListCalendarReplies request = new ListCalendarReplies();
        request.setPageSize(100);
        List<CalendarReply> newestFirst = directory.admin().listCalendarReplies(request).getReply();
        List<CalendarReply> after = new ArrayList<>(newestFirst.stream().filter(r -> r.getReplyId() > afterId)
                .toList());
        java.util.Collections.reverse(after);
        return after;
    }

    static long lastRecorded() throws Exception {
        ListCalendarReplies request = new ListCalendarReplies();
        request.setPageSize(1);
        List<CalendarReply> newest = directory.admin().listCalendarReplies(request).getReply();
        return newest.isEmpty() ? 0 : newest.get(0).getReplyId();
    }

    // ------------------------------------------------------------------ the clients' fixtures

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            rfc5546-reply-accepted.ics          | ACCEPTED  |
            rfc5546-reply-declined-lf.ics       | DECLINED  | I am out of the office that week.
            outlook-declined-qp.eml             | DECLINED  | Beklager, jeg er på reise.
            google-accepted-base64.eml          | ACCEPTED  |
            google-declined-attachment-only.eml | DECLINED  |
            thunderbird-tentative-folded.eml    | TENTATIVE | Kanskje – jeg må sjekke med kollegaen min om vi kan bytte vakt den dagen.
            apple-accepted-lf.eml               | ACCEPTED  |
            """)
    void aClientsReplyReadFromTheMailboxShowsThePersonsAnswerAndIsMovedToProcessed(String fixture,
                                                                                 ExternalAnswer answer,
                                                                                 String comment) throws Exception {
        Meeting meeting = meetingWithOla();
        GetAppointmentParticipantsResponse before = view(meeting.appointmentId());
        long last = lastRecorded();
        int processed = mailbox.count(GreenMailbox.DONE);
        String mail = mail(fixture, meeting.values());
        mailbox.deliver(mail);

        MailboxReader.Pass pass = poll();

        assertTrue(pass.reached());
        assertEquals(Map.of(MailboxReader.Outcome.APPLIED, 1), pass.outcomes(), pass.toString());
        GetAppointmentParticipantsResponse after = view(meeting.appointmentId());
        ExternalReply shown = line(after, meeting.ola()).getExternalReply();
        assertNotNull(shown, "Ola's answer shows");
        assertEquals(answer, shown.getAnswer());
        assertEquals(comment, shown.getComment());
        assertNull(line(after, meeting.kari()).getExternalReply(), "Kari did not answer");
        assertEquals(otherwise(before), otherwise(after), "nothing else in the owner's view changed");
        List<CalendarReply> recorded = recordedAfter(last);
        assertEquals(1, recorded.size());
        assertEquals("IMAP", recorded.get(0).getSource());
        assertEquals(meeting.ola(), recorded.get(0).getPersonId());
        assertEquals(0, mailbox.count("INBOX"), "the inbox is empty");
        assertEquals(processed + 1, mailbox.count(GreenMailbox.DONE));
        String messageId = mail.lines().filter(l -> l.startsWith("Message-ID: ")).findFirst().orElseThrow()
                .substring("Message-ID: ".length());
        assertTrue(mailbox.messageIds(GreenMailbox.DONE).contains(messageId + " seen"),
                "moved to Processed and flagged seen: " + mailbox.messageIds(GreenMailbox.DONE));
    }

    // ------------------------------------------------------------------ hostile and odd mail

    @Test
    void hostileAndOddMailIsRecordedAndRefusedOrChangesNothingAndThePassGoesOnToTheNextMessage() throws Exception {
        Meeting meeting = meetingWithOla();
        Meeting cancelled = meetingWithOla();
        alice.cancelAppointment(cancel(cancelled.appointmentId()));
        Map<String, String> values = meeting.values();
        Map<String, String> stranger = new LinkedHashMap<>(values);
        stranger.put("attendee", "stranger@elsewhere.example");
        Map<String, String> unknownUid = new LinkedHashMap<>(values);
        unknownUid.put("uid", "appointment-999999999@" + DOMAIN);
        String newer = mail("thunderbird-tentative-folded.eml", values).replace("SEQUENCE:0", "SEQUENCE:1");
        String sameAgain = GreenMailbox.withMessageId(newer, GreenMailbox.freshMessageId());

        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("a newer SEQUENCE (1)", newer);
        bad.put("an older SEQUENCE (0) after it", mail("rfc5546-reply-accepted.ics", values));
        bad.put("the same reply again, another Message-ID", sameAgain);
        bad.put("the same Message-ID delivered twice", sameAgain);
        bad.put("a reply naming another attendee", mail("rfc5546-reply-accepted.ics", stranger));
        bad.put("a reply speaking for two attendees", mail("hostile/two-attendees.ics", values));
        bad.put("an unknown UID", mail("rfc5546-reply-accepted.ics", unknownUid));
        bad.put("a cancelled meeting", mail("rfc5546-reply-accepted.ics", cancelled.values()));
        bad.put("a 10 MB message", tenMegabytes(mail("google-accepted-base64.eml", meeting.valuesOfKari())));
        bad.put("no calendar part", mail("hostile/no-calendar.eml", values));
        bad.put("malformed iCalendar", mail("hostile/malformed.ics", values));
        List<Meeting> good = new ArrayList<>();
        for (int i = 0; i < bad.size(); i++) {
            good.add(meetingWithOla());
        }
        GetAppointmentParticipantsResponse before = view(meeting.appointmentId());
        Map<String, Long> rows = rows();
        long last = lastRecorded();
        int i = 0;
        for (String message : bad.values()) {
            mailbox.deliver(message);
            mailbox.deliver(mail("google-accepted-base64.eml", good.get(i++).values()));
        }

        MailboxReader.Pass pass = poll();

        List<String> outcomes = new ArrayList<>();
        for (CalendarReply reply : recordedAfter(last)) {
            outcomes.add(reply.getOutcome() + (reply.getReason() == null ? "" : ": " + reply.getReason()));
        }
        List<String> expected = new ArrayList<>();
        String applied = "APPLIED";
        expected.add(applied);
        expected.add(applied);
        expected.add("UNCHANGED: older than the reply applied before (SEQUENCE 1, DTSTAMP ");
        expected.add(applied);
        expected.add("UNCHANGED: the same reply again (SEQUENCE 1, DTSTAMP ");
        expected.add(applied);
        expected.add(applied); // the same Message-ID again: not recorded, only moved on
        expected.add("REFUSED: stranger@elsewhere.example is not on meeting " + meeting.appointmentId());
        expected.add(applied);
        expected.add("REFUSED: speaks for someone else: a REPLY carries exactly one ATTENDEE, the one who answers;"
                + " this one names 2");
        expected.add(applied);
        expected.add("REFUSED: unknown UID appointment-999999999@" + DOMAIN + ": no such meeting");
        expected.add(applied);
        expected.add("REFUSED: the meeting was cancelled");
        expected.add(applied);
        expected.add("REFUSED: the message is larger than 1000000 characters (");
        expected.add(applied);
        expected.add("REFUSED: the message has no calendar part (no text/calendar part, no .ics attachment)");
        expected.add(applied);
        expected.add("REFUSED: malformed iCalendar");
        expected.add(applied);
        assertEquals(expected.size(), outcomes.size(), outcomes.toString());
        for (int n = 0; n < expected.size(); n++) {
            assertTrue(outcomes.get(n).startsWith(expected.get(n)), n + ": " + outcomes.get(n));
        }
        assertTrue(outcomes.get(15).endsWith("); a calendar reply is a few KB"), outcomes.get(15));
        assertEquals(new MailboxReader.Pass(true, 21, 1, 0, Map.of(MailboxReader.Outcome.APPLIED, 12,
                MailboxReader.Outcome.UNCHANGED, 2, MailboxReader.Outcome.REFUSED, 7,
                MailboxReader.Outcome.DUPLICATE, 1)), pass);
        GetAppointmentParticipantsResponse after = view(meeting.appointmentId());
        assertEquals(ExternalAnswer.TENTATIVE, line(after, meeting.ola()).getExternalReply().getAnswer(),
                "the newer reply stands");
        assertNull(line(after, meeting.kari()).getExternalReply(), "the 10 MB message was never read");
        assertEquals(otherwise(before), otherwise(after), "nothing else in the owner's view changed");
        for (Meeting each : good) {
            assertEquals(ExternalAnswer.ACCEPTED, line(view(each.appointmentId()), each.ola()).getExternalReply()
                    .getAnswer(), "the good reply after each bad one was taken in");
        }
        Map<String, Long> expectedRows = new LinkedHashMap<>(rows);
        expectedRows.merge("calendar_reply", 21L, Long::sum);
        expectedRows.merge("mailbox_message", 21L, Long::sum);
        assertEquals(expectedRows, rows(), "only the records and claims of the messages were written");
        assertEquals(0, mailbox.count("INBOX"), "every message was moved on, the duplicate too");
        String metrics = metrics();
        assertTrue(metrics.contains("invitations_imap_messages_total{outcome=\"duplicate\"}"), metrics);
        assertTrue(metrics.contains("invitations_imap_messages_total{outcome=\"refused\"}"), metrics);
    }

    /** The message with a text part added, to 10 MB; its calendar part would apply. */
    private static String tenMegabytes(String mime) {
        String boundary = mime.replaceAll("(?s).*boundary=\"([^\"]+)\".*", "$1");
        int at = mime.lastIndexOf("--" + boundary + "--");
        StringBuilder padding = new StringBuilder(10 * 1024 * 1024 + 1024);
        padding.append("--").append(boundary).append("\r\nContent-Type: text/plain; charset=US-ASCII\r\n\r\n");
        String line = "x".repeat(76) + "\r\n";
        while (padding.length() < 10 * 1024 * 1024) {
            padding.append(line);
        }
        return mime.substring(0, at) + padding + mime.substring(at);
    }

    // ------------------------------------------------------------------ exactly once

    @Test
    void aMessageTakenInButNotMovedBeforeARestartIsOnlyMovedAfterItAndOneNeverTakenInIsTakenIn() throws Exception {
        Meeting meeting = meetingWithOla();
        mailbox.deliver(mail("google-accepted-base64.eml", meeting.values()));
        assertEquals(1, poll().takenIn());
        ExternalReply first = line(view(meeting.appointmentId()), meeting.ola()).getExternalReply();
        // the claim is committed and the message moved; a copy back in the inbox is that message not yet moved
        mailbox.copyAll(GreenMailbox.DONE, "INBOX");
        int inInbox = mailbox.count("INBOX");
        // and one delivered while the service is down: nothing happened to it yet
        mailbox.deliver(mail("thunderbird-tentative-folded.eml", meeting.valuesOfKari()));
        Map<String, Long> rows = rows();
        long last = lastRecorded();

        server.close();
        server = InvitationsServer.start(config);
        MailboxReader.Pass pass = poll();

        assertEquals(1, pass.takenIn(), pass.toString());
        assertEquals(inInbox, pass.alreadyTaken(), pass.toString());
        assertEquals(0, mailbox.count("INBOX"));
        GetAppointmentParticipantsResponse view = view(meeting.appointmentId());
        assertEquals(first.getReceivedAt(), line(view, meeting.ola()).getExternalReply().getReceivedAt(),
                "Ola's answer was not applied a second time");
        assertEquals(ExternalAnswer.TENTATIVE, line(view, meeting.kari()).getExternalReply().getAnswer());
        List<CalendarReply> recorded = recordedAfter(last);
        assertEquals(1, recorded.size(), "only Kari's message was recorded");
        assertEquals(meeting.kari(), recorded.get(0).getPersonId());
        Map<String, Long> expected = new LinkedHashMap<>(rows);
        expected.merge("calendar_reply", 1L, Long::sum);
        expected.merge("mailbox_message", 1L, Long::sum);
        assertEquals(expected, rows());
    }

    // ------------------------------------------------------------------ the IMAP server goes away

    @Test
    void theReaderOutlivesTheImapServerStoppingAndTakesTheMessagesInOnceItIsBack() throws Exception {
        Meeting meeting = meetingWithOla();
        mailbox.deliver(mail("rfc5546-reply-accepted.ics", meeting.values()));
        assertEquals(1, poll().takenIn(), "connected before the outage");
        ListAppender<ILoggingEvent> log = capture(MailboxReader.class);
        try {
            mailbox.stop();
            MailboxReader.Pass down = poll();
            MailboxReader.Pass stillDown = poll();
            mailbox.start();
            mailbox.deliver(mail("thunderbird-tentative-folded.eml", meeting.valuesOfKari()));
            MailboxReader.Pass back = poll();

            assertFalse(down.reached());
            assertFalse(stillDown.reached());
            assertEquals(0, down.takenIn() + stillDown.takenIn());
            assertTrue(back.reached());
            assertEquals(Map.of(MailboxReader.Outcome.APPLIED, 1), back.outcomes(), back.toString());
            assertEquals(ExternalAnswer.TENTATIVE, line(view(meeting.appointmentId()), meeting.kari())
                    .getExternalReply().getAnswer());
            assertEquals(0, mailbox.count("INBOX"));
            List<String> warnings = log.list.stream().filter(e -> e.getLevel() == Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage).toList();
            assertEquals(1, warnings.size(), "logged once per outage, not each poll: " + warnings);
            assertTrue(warnings.get(0).contains("cannot be read"), warnings.get(0));
            assertTrue(log.list.stream().anyMatch(e -> e.getFormattedMessage().contains("reachable again")));
        } finally {
            ((Logger) LoggerFactory.getLogger(MailboxReader.class)).detachAppender(log);
        }
    }

    static ListAppender<ILoggingEvent> capture(Class<?> logger) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(logger)).addAppender(appender);
        return appender;
    }

    // ------------------------------------------------------------------ rows and metrics

    private static final List<String> TABLES = List.of("appointment", "participant_record", "outbox_item",
            "audit_event", "time_proposal", "calendar_reply", "mailbox_message");

    static Map<String, Long> rows() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = connection(); Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rs = statement.executeQuery("select count(*) from " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    static Connection connection() throws Exception {
        String url = config.effectiveJdbcUrl();
        return url.startsWith("jdbc:derby:") ? DriverManager.getConnection(url)
                : DriverManager.getConnection(url, "postgres", "postgres");
    }

    static String metrics() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.managementPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }
}
