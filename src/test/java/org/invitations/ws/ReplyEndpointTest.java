package org.invitations.ws;

import static org.invitations.support.Requests.archive;
import static org.invitations.support.Requests.associate;
import static org.invitations.support.Requests.cancel;
import static org.invitations.support.Requests.freeSlot;
import static org.invitations.support.Requests.meeting;
import static org.invitations.support.Requests.move;
import static org.invitations.support.Requests.participants;
import static org.invitations.support.Requests.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.invitations.app.DemoData;
import org.invitations.support.Clients;
import org.invitations.support.EndpointTest;
import org.invitations.support.Race;
import org.invitations.support.ReplyFixtures;
import org.invitations.support.TestServer;
import org.invitations.ws.generated.AcceptProposal;
import org.invitations.ws.generated.CalendarMethod;
import org.invitations.ws.generated.CalendarReply;
import org.invitations.ws.generated.ConfirmationMessage;
import org.invitations.ws.generated.DeclineProposal;
import org.invitations.ws.generated.DeclineProposalResponse;
import org.invitations.ws.generated.GetConfirmationMessages;
import org.invitations.ws.generated.NotifyOptions;
import org.invitations.ws.generated.ParticipantsResult;
import org.invitations.ws.generated.ProposalState;
import org.invitations.ws.generated.Contact;
import org.invitations.ws.generated.CreateAssociate;
import org.invitations.ws.generated.CreateContact;
import org.invitations.ws.generated.CreateInvitation;
import org.invitations.ws.generated.CreateInvitationResponse;
import org.invitations.ws.generated.ExternalAnswer;
import org.invitations.ws.generated.ExternalReply;
import org.invitations.ws.generated.Frequency;
import org.invitations.ws.generated.GetAppointmentParticipantsResponse;
import org.invitations.ws.generated.InvalidRequestFault;
import org.invitations.ws.generated.InvitationsPortType;
import org.invitations.ws.generated.ListCalendarReplies;
import org.invitations.ws.generated.ListCalendarRepliesResponse;
import org.invitations.ws.generated.NewPerson;
import org.invitations.ws.generated.NotAllowedFault;
import org.invitations.ws.generated.ParticipantView;
import org.invitations.ws.generated.ProcessCalendarReply;
import org.invitations.ws.generated.Recurrence;
import org.invitations.ws.generated.ReplyOutcome;
import org.invitations.ws.generated.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Answers from outside through ProcessCalendarReply: the messages of src/test/resources/replies as the major
 * calendar programs send them change the owner's Invitations view exactly as expected; hostile and odd
 * messages are recorded and refused (or change nothing), nothing else changes, and the server goes on.
 */
class ReplyEndpointTest extends EndpointTest {

    private static final AtomicInteger FRESH = new AtomicInteger();
    private static final String DOMAIN = "invitations.local";
    private static InvitationsPortType gateway;

    @BeforeAll
    static void gateway() throws Exception {
        CreateAssociate account = new CreateAssociate();
        account.setUsername("mail-gateway");
        account.setFullName("Mail gateway");
        account.setPassword("password-mail-gateway");
        account.setRole(Role.INTEGRATION);
        directory.admin().createAssociate(account);
        gateway = Clients.onBehalfOf(server.address(), "mail-gateway", "password-mail-gateway", "alice");
    }

    /** Alice's meeting with Ola and Kari of a fresh customer (each with an address of their own) and Bob. */
    private record Meeting(long appointmentId, long contactId, long ola, long kari, String olaEmail,
                           String kariEmail, List<Long> occurrences) {

        String uid() {
            return "appointment-" + appointmentId + "@" + DOMAIN;
        }

        Map<String, String> values() {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("uid", uid());
            values.put("attendee", olaEmail);
            values.put("ATTENDEE", olaEmail.toUpperCase(java.util.Locale.ROOT));
            values.put("organizer", "alice@example.com");
            values.put("other", kariEmail);
            return values;
        }
    }

    private static Contact customer() throws Exception {
        int n = FRESH.incrementAndGet();
        CreateContact request = new CreateContact();
        request.setName("Fjordline " + n);
        request.getPerson().add(newPerson("Ola Nordmann", "ola." + n + "@fjordline.example"));
        request.getPerson().add(newPerson("Kari Nordmann", "kari." + n + "@fjordline.example"));
        return directory.admin().createContact(request).getContact();
    }

    private static NewPerson newPerson(String name, String email) {
        NewPerson person = new NewPerson();
        person.setFullName(name);
        person.setEmail(email);
        return person;
    }

    private static Meeting meetingWithOla(CreateInvitation request) throws Exception {
        Contact contact = customer();
        long ola = contact.getPerson().get(0).getPersonId();
        long kari = contact.getPerson().get(1).getPersonId();
        request.getParticipants().getParticipant().addAll(List.of(person(ola), person(kari), associate(bobId)));
        CreateInvitationResponse created = alice.createInvitation(request);
        return new Meeting(created.getAppointmentId(), contact.getContactId(), ola, kari,
                contact.getPerson().get(0).getEmail(), contact.getPerson().get(1).getEmail(),
                created.getOccurrence().stream().map(o -> o.getAppointmentId()).toList());
    }

    private static Meeting meetingWithOla() throws Exception {
        return meetingWithOla(meeting("Budsjettmøte", freeSlot()));
    }

    private static CalendarReply send(String fixture, Map<String, String> values) throws Exception {
        return send(fixture, values, directory.admin());
    }

    private static CalendarReply send(String fixture, Map<String, String> values, InvitationsPortType as)
            throws Exception {
        String text = ReplyFixtures.load(fixture, values);
        return ReplyFixtures.isMime(fixture) ? sendMime(text, as) : sendCalendar(text, as);
    }

    private static CalendarReply sendMime(String mime, InvitationsPortType as) throws Exception {
        ProcessCalendarReply request = new ProcessCalendarReply();
        request.setMime(mime);
        return as.processCalendarReply(request).getReply();
    }

    private static CalendarReply sendCalendar(String calendar, InvitationsPortType as) throws Exception {
        ProcessCalendarReply request = new ProcessCalendarReply();
        request.setCalendar(calendar);
        return as.processCalendarReply(request).getReply();
    }

    private static GetAppointmentParticipantsResponse view(long appointmentId) throws Exception {
        return alice.getAppointmentParticipants(participants(appointmentId));
    }

    private static ParticipantView line(GetAppointmentParticipantsResponse view, long personId) {
        return view.getParticipant().stream()
                .filter(p -> p.getParticipant().getPersonId() != null && p.getParticipant().getPersonId() == personId)
                .findFirst().orElseThrow();
    }

    /** Everything the owner sees of a line but the external reply. */
    private static String otherwise(ParticipantView line) {
        return line.getRecordId() + " " + line.getKind() + " " + line.getStatus() + " " + line.getAnswer() + " "
                + line.isSeen() + " " + line.getDeclineReason() + " " + line.isConflict() + " "
                + line.getException().size();
    }

    private static List<String> otherwise(GetAppointmentParticipantsResponse view) {
        return view.getParticipant().stream().map(ReplyEndpointTest::otherwise).toList();
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
    void aClientsReplyShowsThePersonsAnswerInTheOwnersViewAndNothingElse(String fixture, ExternalAnswer answer,
                                                                         String comment) throws Exception {
        Meeting meeting = meetingWithOla();
        GetAppointmentParticipantsResponse before = view(meeting.appointmentId());

        CalendarReply reply = send(fixture, meeting.values());

        assertEquals(ReplyOutcome.APPLIED, reply.getOutcome(), reply.getReason());
        assertEquals("REPLY", reply.getMethod());
        assertEquals(meeting.uid(), reply.getUid());
        assertTrue(meeting.olaEmail().equalsIgnoreCase(reply.getAttendee()), reply.getAttendee());
        assertEquals(meeting.appointmentId(), reply.getAppointmentId());
        assertEquals(meeting.ola(), reply.getPersonId());
        assertEquals(answer, reply.getAnswer());
        assertEquals("SOAP", reply.getSource());
        GetAppointmentParticipantsResponse after = view(meeting.appointmentId());
        ExternalReply shown = line(after, meeting.ola()).getExternalReply();
        assertNotNull(shown, "Ola's answer shows");
        assertEquals(answer, shown.getAnswer());
        assertEquals(comment, shown.getComment());
        assertEquals(1, line(after, meeting.ola()).getStatus(), "persons stay booked (1) as the CRM books them");
        assertNull(line(after, meeting.kari()).getExternalReply(), "Kari did not answer");
        assertEquals(otherwise(before), otherwise(after), "nothing else in the owner's view changed");
        var entries = alice.getActivityArchive(archive(meeting.contactId())).getEntry().stream()
                .filter(e -> e.getAppointmentId() == meeting.appointmentId()).toList();
        var olas = entries.stream().filter(e -> e.getPersonId() == meeting.ola()).findFirst().orElseThrow();
        assertEquals(answer, olas.getExternalReply().getAnswer(), "the archive shows the answer too");
        assertNull(entries.stream().filter(e -> e.getPersonId() == meeting.kari()).findFirst().orElseThrow()
                .getExternalReply());
    }

    @Test
    void aReplyToTheWholeSeriesReachesTheSeriesAndEveryOccurrence() throws Exception {
        Meeting series = meetingWithOla(weeklyInBerlin(4));

        CalendarReply reply = send("rfc5546-reply-series-accepted.ics", series.values());

        assertEquals(ReplyOutcome.APPLIED, reply.getOutcome(), reply.getReason());
        GetAppointmentParticipantsResponse view = view(series.appointmentId());
        assertEquals(ExternalAnswer.ACCEPTED, line(view, series.ola()).getExternalReply().getAnswer());
        assertTrue(line(view, series.ola()).getException().isEmpty());
        for (long occurrence : occurrences(series)) {
            assertEquals(ExternalAnswer.ACCEPTED, line(view(occurrence), series.ola()).getExternalReply().getAnswer(),
                    "occurrence " + occurrence);
        }
    }

    @Test
    void aReplyForOneOccurrenceByItsRecurrenceIdInAWindowsZoneReachesThatOccurrenceAlone() throws Exception {
        Meeting series = meetingWithOla(weeklyInBerlin(4));
        List<Long> occurrences = occurrences(series);
        Map<String, String> values = series.values();
        values.put("localRecurrenceId", FOURTH_MONDAY_NINE_BERLIN.atZoneSameInstant(ZoneId.of("Europe/Berlin"))
                .format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")));

        CalendarReply reply = send("outlook-occurrence-declined.eml", values);

        assertEquals(ReplyOutcome.APPLIED, reply.getOutcome(), reply.getReason());
        assertEquals(occurrences.get(3), reply.getAppointmentId(), "the fourth occurrence");
        GetAppointmentParticipantsResponse view = view(series.appointmentId());
        assertNull(line(view, series.ola()).getExternalReply(), "never the whole series");
        var exceptions = line(view, series.ola()).getException();
        assertEquals(1, exceptions.size(), "the occurrence shows as Ola's exception");
        assertEquals(ExternalAnswer.DECLINED, exceptions.get(0).getExternalReply().getAnswer());
        assertEquals("Jeg kan ikke den uken.", exceptions.get(0).getExternalReply().getComment());
        for (int i = 0; i < occurrences.size(); i++) {
            ExternalReply shown = line(view(occurrences.get(i)), series.ola()).getExternalReply();
            if (i == 3) {
                assertEquals(ExternalAnswer.DECLINED, shown.getAnswer());
            } else {
                assertNull(shown, "occurrence " + i);
            }
        }
    }

    /** Monday 10 March 2031, 09:00 in Berlin (winter time); the fourth occurrence, 31 March, is in summer time. */
    private static final OffsetDateTime MONDAY_NINE_BERLIN = OffsetDateTime.parse("2031-03-10T08:00:00Z");
    private static final OffsetDateTime FOURTH_MONDAY_NINE_BERLIN = OffsetDateTime.parse("2031-03-31T07:00:00Z");

    private static CreateInvitation weeklyInBerlin(int count) {
        Recurrence weekly = new Recurrence();
        weekly.setFrequency(Frequency.WEEKLY);
        weekly.setCount(count);
        CreateInvitation request = meeting("Ukesmøte", MONDAY_NINE_BERLIN);
        request.setTimeZone("Europe/Berlin");
        request.setRecurrence(weekly);
        return request;
    }

    private static List<Long> occurrences(Meeting series) {
        return series.occurrences();
    }

    // ------------------------------------------------------------------ order and repetition

    @Test
    void theSameReplyTwiceChangesNothingTheSecondTime() throws Exception {
        Meeting meeting = meetingWithOla();
        send("google-accepted-base64.eml", meeting.values());
        GetAppointmentParticipantsResponse before = view(meeting.appointmentId());

        CalendarReply again = send("google-accepted-base64.eml", meeting.values());

        assertEquals(ReplyOutcome.UNCHANGED, again.getOutcome());
        assertTrue(again.getReason().startsWith("the same reply again"), again.getReason());
        assertEquals(line(before, meeting.ola()).getExternalReply().getReceivedAt(),
                line(view(meeting.appointmentId()), meeting.ola()).getExternalReply().getReceivedAt());
    }

    @Test
    void anOlderReplyAfterANewerOneIsIgnored() throws Exception {
        Meeting meeting = meetingWithOla();
        send("google-declined-attachment-only.eml", meeting.values()); // DTSTAMP 08:45

        CalendarReply older = send("google-accepted-base64.eml", meeting.values()); // DTSTAMP 08:30

        assertEquals(ReplyOutcome.UNCHANGED, older.getOutcome());
        assertTrue(older.getReason().startsWith("older than the reply applied before"), older.getReason());
        assertEquals(ExternalAnswer.DECLINED,
                line(view(meeting.appointmentId()), meeting.ola()).getExternalReply().getAnswer());
    }

    @Test
    void aReplyWithAnOlderSequenceAfterTheMeetingMovedIsIgnoredAndANewerOneApplies() throws Exception {
        Meeting meeting = meetingWithOla();
        send("rfc5546-reply-accepted.ics", meeting.values());
        alice.moveAppointment(move(meeting.appointmentId(), freeSlot()));
        assertNull(line(view(meeting.appointmentId()), meeting.ola()).getExternalReply(),
                "the answer was for the old time: asked again, as an invitee is");

        CalendarReply late = send("thunderbird-tentative-folded.eml", meeting.values()); // SEQUENCE 0
        String current = ReplyFixtures.load("thunderbird-tentative-folded.eml", meeting.values())
                .replace("SEQUENCE:0", "SEQUENCE:1");
        CalendarReply answer = sendMime(current, directory.admin());

        assertEquals(ReplyOutcome.UNCHANGED, late.getOutcome());
        assertTrue(late.getReason().startsWith("out of date"), late.getReason());
        assertEquals(ReplyOutcome.APPLIED, answer.getOutcome(), answer.getReason());
        assertEquals(ExternalAnswer.TENTATIVE,
                line(view(meeting.appointmentId()), meeting.ola()).getExternalReply().getAnswer());
        CalendarReply older = send("rfc5546-reply-accepted.ics", meeting.values()); // SEQUENCE 0 after 1
        assertEquals(ReplyOutcome.UNCHANGED, older.getOutcome());
    }

    // ------------------------------------------------------------------ hostile and odd messages

    @Test
    void hostileAndOddMessagesAreRecordedAndRefusedAndNothingElseChanges() throws Exception {
        Meeting meeting = meetingWithOla();
        Meeting cancelled = meetingWithOla();
        alice.cancelAppointment(cancel(cancelled.appointmentId()));
        Map<String, String> values = meeting.values();
        Map<String, String> strangers = new LinkedHashMap<>(values);
        strangers.put("attendee", "stranger@elsewhere.example");
        Map<String, String> unknownUid = new LinkedHashMap<>(values);
        unknownUid.put("uid", "appointment-999999999@" + DOMAIN);
        Map<String, String> otherService = new LinkedHashMap<>(values);
        otherService.put("uid", "040000008200E00074C5B7101A82E008000000008062306C6261CA01000000000000000010000000");
        Map<String, String> associate = new LinkedHashMap<>(values);
        associate.put("attendee", "alice@example.com");
        GetAppointmentParticipantsResponse before = view(meeting.appointmentId());
        Map<String, Long> rows = rows();

        Map<String, CalendarReply> replies = new LinkedHashMap<>();
        replies.put("another attendee", send("rfc5546-reply-accepted.ics", strangers));
        replies.put("two attendees", send("hostile/two-attendees.ics", values));
        replies.put("unknown UID", send("rfc5546-reply-accepted.ics", unknownUid));
        replies.put("another service's UID", send("rfc5546-reply-accepted.ics", otherService));
        replies.put("cancelled meeting", send("rfc5546-reply-accepted.ics", cancelled.values()));
        replies.put("an associate's address", send("rfc5546-reply-accepted.ics", associate));
        replies.put("no calendar part", send("hostile/no-calendar.eml", values));
        replies.put("malformed iCalendar", send("hostile/malformed.ics", values));
        replies.put("a COUNTER", send("hostile/counter.ics", values)); // without DTEND
        replies.put("not MIME at all", sendMime("::: this is not a message :::\r\n\r\n", directory.admin()));

        Map<String, String> reasons = new LinkedHashMap<>();
        replies.forEach((what, reply) -> reasons.put(what, reply.getOutcome() + ": " + reply.getReason()));
        assertEquals(Map.ofEntries(
                Map.entry("another attendee", "REFUSED: stranger@elsewhere.example is not on meeting "
                        + meeting.appointmentId()),
                Map.entry("two attendees", "REFUSED: speaks for someone else: a REPLY carries exactly one ATTENDEE,"
                        + " the one who answers; this one names 2"),
                Map.entry("unknown UID", "REFUSED: unknown UID appointment-999999999@" + DOMAIN + ": no such meeting"),
                Map.entry("another service's UID", "REFUSED: unknown UID " + otherService.get("uid")
                        + ": not a meeting of this service"),
                Map.entry("cancelled meeting", "REFUSED: the meeting was cancelled"),
                Map.entry("an associate's address", "REFUSED: alice@example.com is an associate's address:"
                        + " associates answer their invitations through the service"),
                Map.entry("no calendar part", "REFUSED: the message has no calendar part (no text/calendar part,"
                        + " no .ics attachment)"),
                Map.entry("malformed iCalendar", reasons.get("malformed iCalendar")),
                Map.entry("a COUNTER", "REFUSED: no DTEND: a COUNTER proposes a start and an end"),
                Map.entry("not MIME at all", reasons.get("not MIME at all"))), reasons);
        assertTrue(reasons.get("malformed iCalendar").startsWith("REFUSED: malformed iCalendar"),
                reasons.get("malformed iCalendar"));
        assertTrue(reasons.get("not MIME at all").startsWith("REFUSED: the message has no calendar part")
                        || reasons.get("not MIME at all").startsWith("REFUSED: the message could not be read"),
                reasons.get("not MIME at all"));
        assertEquals("COUNTER", replies.get("a COUNTER").getMethod(), "what was read is recorded");
        assertEquals(otherwise(before), otherwise(view(meeting.appointmentId())));
        assertNull(line(view(meeting.appointmentId()), meeting.ola()).getExternalReply());
        Map<String, Long> expected = new LinkedHashMap<>(rows);
        expected.merge("calendar_reply", (long) replies.size(), Long::sum);
        assertEquals(expected, rows(), "only the records of the messages were written");
        assertEquals(ReplyOutcome.APPLIED, send("rfc5546-reply-accepted.ics", values).getOutcome(),
                "the server still serves");
    }

    @Test
    void aMessageOfTheSizeASoapTextNodeTakesIsReadAndOneOfTwiceThatIsStoppedAtTheDoor() throws Exception {
        Meeting meeting = meetingWithOla();
        String mime = ReplyFixtures.load("thunderbird-tentative-folded.eml", meeting.values()).replace("\r\n", "\n");
        org.invitations.support.RawSoap soap = new org.invitations.support.RawSoap(server.address());

        var largest = soap.call("admin", DemoData.ADMIN_PASSWORD, processMime(padded(mime, SOAP_TEXT_LIMIT, "\n")));
        Map<String, Long> rows = rows();
        var larger = soap.call("admin", DemoData.ADMIN_PASSWORD, processMime(padded(mime, 2 * SOAP_TEXT_LIMIT, "\n")));

        assertEquals(200, largest.status(), largest.body());
        assertEquals("APPLIED", largest.xpath("//inv:reply/inv:outcome"), largest.body());
        assertEquals(500, larger.status(), larger.body());
        assertEquals("soap:Client", larger.xpath("//soap:Fault/faultcode"), larger.body());
        assertEquals(rows, rows(), "refused before parsing: nothing written");
    }

    @Test
    void aTenMegabyteMessageIsStoppedAtTheDoorAndTheServerGoesOn() throws Exception {
        Meeting meeting = meetingWithOla();
        String mime = ReplyFixtures.load("thunderbird-tentative-folded.eml", meeting.values());
        Map<String, Long> rows = rows();

        String tenMegabytes = processMime(padded(mime, 10 * 1024 * 1024, "\r\n"));

        // The server answers 413 at once (the request announces its length); a client still sending may see the
        // connection closed before it reads the answer. Either way refused, never read.
        try {
            var huge = new org.invitations.support.RawSoap(server.address()).call("admin", DemoData.ADMIN_PASSWORD,
                    tenMegabytes);
            assertEquals(413, huge.status(), "the SOAP request limit (1 MiB) refused it before any parsing");
        } catch (java.io.IOException closedWhileSending) {
            // refused by closing the connection mid-body
        }
        assertEquals(rows, rows(), "nothing written");
        assertEquals(ReplyOutcome.APPLIED, sendMime(mime, directory.admin()).getOutcome(), "the server still serves");
    }

    private static String processMime(String mime) {
        return "<inv:ProcessCalendarReply><inv:mime>" + mime.replace("&", "&amp;").replace("<", "&lt;")
                .replace(">", "&gt;").replace("\r", "&#13;") + "</inv:mime></inv:ProcessCalendarReply>";
    }

    /**
     * The endpoint's StAX limit on one text node (docs/security.md, 64 KB): the size of mime or calendar SOAP is
     * sure to take. Woodstox checks it per buffer, not to the character, so a little more may pass.
     */
    private static final int SOAP_TEXT_LIMIT = 64 * 1024;

    /** The message with a text part of 'x' lines added before its closing boundary, to exactly {@code size} characters. */
    private static String padded(String mime, int size, String eol) {
        String boundary = "------------mXq2n5Yb3oVt8WkJ0dLsR4aE";
        int at = mime.lastIndexOf("--" + boundary + "--");
        String head = "--" + boundary + eol + "Content-Type: text/plain; charset=US-ASCII" + eol + eol;
        String tail = eol;
        int body = size - mime.length() - head.length() - tail.length();
        StringBuilder padding = new StringBuilder(body);
        int column = 0;
        while (padding.length() < body) {
            if (column == 76 && body - padding.length() >= eol.length() + 1) {
                padding.append(eol);
                column = 0;
            } else {
                padding.append('x');
                column++;
            }
        }
        String padded = mime.substring(0, at) + head + padding + tail + mime.substring(at);
        assertEquals(size, padded.length());
        return padded;
    }

    // ------------------------------------------------------------------ who may, and what goes in

    @Test
    void anIntegrationHandsInRepliesAndAUserMayNot() throws Exception {
        Meeting meeting = meetingWithOla();

        CalendarReply reply = send("rfc5546-reply-accepted.ics", meeting.values(), gateway);
        NotAllowedFault user = assertThrows(NotAllowedFault.class,
                () -> send("rfc5546-reply-accepted.ics", meeting.values(), bob));

        assertEquals(ReplyOutcome.APPLIED, reply.getOutcome(), reply.getReason());
        assertTrue(user.getMessage().contains("ADMIN or an INTEGRATION"), user.getMessage());
    }

    @Test
    void aRequestGivesTheMessageOrItsCalendarNeitherNorBoth() throws Exception {
        ProcessCalendarReply neither = new ProcessCalendarReply();
        ProcessCalendarReply both = new ProcessCalendarReply();
        both.setMime("x");
        both.setCalendar("y");
        Map<String, Long> rows = rows();

        InvalidRequestFault none = assertThrows(InvalidRequestFault.class,
                () -> directory.admin().processCalendarReply(neither));
        InvalidRequestFault two = assertThrows(InvalidRequestFault.class,
                () -> directory.admin().processCalendarReply(both));

        assertEquals("mime", none.getFaultInfo().getField());
        assertEquals("mime", two.getFaultInfo().getField());
        assertTrue(two.getMessage().contains("not both"), two.getMessage());
        assertEquals(rows, rows());
    }

    @Test
    void anAdminListsRepliesNewestFirstByOutcomeAndNobodyElse() throws Exception {
        Meeting meeting = meetingWithOla();
        CalendarReply applied = send("rfc5546-reply-accepted.ics", meeting.values());
        CalendarReply refused = send("hostile/counter.ics", meeting.values());
        CalendarReply unchanged = send("rfc5546-reply-accepted.ics", meeting.values());

        ListCalendarReplies all = new ListCalendarReplies();
        all.setPageSize(2);
        ListCalendarRepliesResponse first = directory.admin().listCalendarReplies(all);
        all.setPageToken(first.getNextPageToken());
        ListCalendarRepliesResponse second = directory.admin().listCalendarReplies(all);
        ListCalendarReplies onlyRefused = new ListCalendarReplies();
        onlyRefused.setOutcome(ReplyOutcome.REFUSED);
        List<CalendarReply> refusals = directory.admin().listCalendarReplies(onlyRefused).getReply();

        assertEquals(List.of(unchanged.getReplyId(), refused.getReplyId()),
                first.getReply().stream().map(CalendarReply::getReplyId).toList());
        assertEquals(applied.getReplyId(), second.getReply().get(0).getReplyId());
        assertTrue(refusals.stream().allMatch(r -> r.getOutcome() == ReplyOutcome.REFUSED));
        assertTrue(refusals.stream().anyMatch(r -> r.getReplyId() == refused.getReplyId()));
        assertThrows(NotAllowedFault.class, () -> alice.listCalendarReplies(new ListCalendarReplies()));
        assertThrows(NotAllowedFault.class, () -> gateway.listCalendarReplies(new ListCalendarReplies()));
    }

    // ------------------------------------------------------------------ in parallel

    @Test
    void theSameReplyPostedTenTimesAtOnceIsAppliedOnce() throws Exception {
        Meeting meeting = meetingWithOla();
        String calendar = ReplyFixtures.load("rfc5546-reply-accepted.ics", meeting.values());
        ConcurrentLinkedQueue<ReplyOutcome> outcomes = new ConcurrentLinkedQueue<>();
        InvitationsPortType admin = Clients.as(server.address(), "admin", DemoData.ADMIN_PASSWORD);

        Race race = new Race().add(10, () -> outcomes.add(sendCalendar(calendar, admin).getOutcome()))
                .run(Duration.ofSeconds(60));

        assertEquals(List.of(), race.unexpected(), race.toString());
        assertEquals(1, outcomes.stream().filter(o -> o == ReplyOutcome.APPLIED).count(), outcomes.toString());
        assertEquals(9, outcomes.stream().filter(o -> o == ReplyOutcome.UNCHANGED).count(), outcomes.toString());
    }

    @Test
    void aReplyWhileTheOwnerMovesTheMeetingFallsBeforeOrAfterTheMove() throws Exception {
        for (int round = 0; round < 3; round++) {
            Meeting meeting = meetingWithOla();
            String calendar = ReplyFixtures.load("rfc5546-reply-accepted.ics", meeting.values());
            ConcurrentLinkedQueue<CalendarReply> replies = new ConcurrentLinkedQueue<>();
            OffsetDateTime newTime = freeSlot();

            Race race = new Race()
                    .add(() -> replies.add(sendCalendar(calendar, directory.admin())))
                    .add(() -> alice.moveAppointment(move(meeting.appointmentId(), newTime)))
                    .run(Duration.ofSeconds(60));

            assertEquals(List.of(), race.unexpected(), race.toString());
            CalendarReply reply = replies.peek();
            GetAppointmentParticipantsResponse view = view(meeting.appointmentId());
            assertEquals(1, view.getAppointment().getSequence(), "moved once");
            if (reply.getOutcome() == ReplyOutcome.APPLIED) {
                assertNull(line(view, meeting.ola()).getExternalReply(), "applied, then the move asked again");
            } else {
                assertEquals(ReplyOutcome.UNCHANGED, reply.getOutcome(), reply.getReason());
                assertTrue(reply.getReason().startsWith("out of date"), reply.getReason());
                assertNull(line(view, meeting.ola()).getExternalReply(), "after the move, it answered the old time");
            }
        }
    }

    // ------------------------------------------------------------------ a person's COUNTER: a proposal of another time

    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    /** The meeting's values with a proposal of {@code start} for an hour, in UTC and in Berlin's local time. */
    private static Map<String, String> counterValues(Meeting meeting, OffsetDateTime original, OffsetDateTime start) {
        Map<String, String> values = meeting.values();
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        values.put("proposedStart", start.atZoneSameInstant(ZoneId.of("UTC")).format(UTC_TIME));
        values.put("proposedEnd", start.plusHours(1).atZoneSameInstant(ZoneId.of("UTC")).format(UTC_TIME));
        values.put("localProposedStart", start.atZoneSameInstant(berlin).format(LOCAL_TIME));
        values.put("localProposedEnd", start.plusHours(1).atZoneSameInstant(berlin).format(LOCAL_TIME));
        values.put("localOriginalStart", original.atZoneSameInstant(berlin).format(LOCAL_TIME));
        values.put("localOriginalEnd", original.plusHours(1).atZoneSameInstant(berlin).format(LOCAL_TIME));
        return values;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            rfc5546-counter.ics    | Could we meet two hours later? The morning ferry is late on that day.
            outlook-counter-qp.eml | Kan vi ta det på ettermiddagen i stedet?
            """)
    void aPersonsCounterShowsAsAPendingProposalAndTheOwnerAcceptingItMovesTheMeeting(String fixture, String comment)
            throws Exception {
        OffsetDateTime start = freeSlot();
        Meeting meeting = meetingWithOla(meeting("Budsjettmøte", start));
        OffsetDateTime later = start.plusHours(2);
        GetAppointmentParticipantsResponse before = view(meeting.appointmentId());

        CalendarReply counter = send(fixture, counterValues(meeting, start, later));

        assertEquals(ReplyOutcome.APPLIED, counter.getOutcome(), counter.getReason());
        assertEquals("COUNTER", counter.getMethod());
        assertEquals(meeting.appointmentId(), counter.getAppointmentId());
        assertEquals(meeting.ola(), counter.getPersonId());
        assertNull(counter.getAnswer(), "a COUNTER gives no answer");
        assertNotNull(counter.getProposalId());
        GetAppointmentParticipantsResponse after = view(meeting.appointmentId());
        ParticipantView ola = line(after, meeting.ola());
        assertEquals(1, ola.getProposal().size());
        var proposal = ola.getProposal().get(0);
        assertEquals(counter.getProposalId(), proposal.getProposalId());
        assertEquals(ProposalState.PENDING, proposal.getState());
        assertEquals(meeting.ola(), proposal.getParticipant().getPersonId());
        assertEquals(later.toInstant(), proposal.getStart().toInstant());
        assertEquals(later.plusHours(1).toInstant(), proposal.getEnd().toInstant());
        assertEquals(comment, proposal.getComment());
        assertNull(ola.getExternalReply(), "the person's answer is as it was");
        assertTrue(line(after, meeting.kari()).getProposal().isEmpty());
        assertEquals(otherwise(before), otherwise(after), "nothing else in the owner's view changed");
        assertEquals(start.toInstant(), after.getAppointment().getStart().toInstant());

        AcceptProposal accepting = new AcceptProposal();
        accepting.setProposalId(counter.getProposalId());
        ParticipantsResult moved = alice.acceptProposal(accepting);

        assertEquals(later.toInstant(), moved.getAppointment().getStart().toInstant());
        assertEquals(later.plusHours(1).toInstant(), moved.getAppointment().getEnd().toInstant());
        assertEquals(1, moved.getAppointment().getSequence());
        assertEquals(ProposalState.ACCEPTED,
                line(view(meeting.appointmentId()), meeting.ola()).getProposal().get(0).getState());
    }

    @Test
    void theOwnerDecliningAPersonsCounterWithAConfirmationSendsItADeclineCounter() throws Exception {
        OffsetDateTime start = freeSlot();
        Meeting meeting = meetingWithOla(meeting("Budsjettmøte", start));
        CalendarReply counter = send("outlook-counter-qp.eml", counterValues(meeting, start, start.plusHours(2)));
        DeclineProposal declining = new DeclineProposal();
        declining.setProposalId(counter.getProposalId());
        NotifyOptions notify = new NotifyOptions();
        notify.setSendConfirmation(true);
        declining.setNotify(notify);

        DeclineProposalResponse declined = alice.declineProposal(declining);

        assertEquals(ProposalState.DECLINED, declined.getProposal().getState());
        GetConfirmationMessages read = new GetConfirmationMessages();
        read.setAppointmentId(meeting.appointmentId());
        List<ConfirmationMessage> declineCounters = alice.getConfirmationMessages(read).getMessage().stream()
                .filter(m -> m.getMethod() == CalendarMethod.DECLINECOUNTER).toList();
        assertEquals(1, declineCounters.size());
        assertEquals(meeting.olaEmail(), declineCounters.get(0).getRecipient());
        assertTrue(declineCounters.get(0).getMime().contains("METHOD:DECLINECOUNTER"), declineCounters.get(0).getMime());
        assertEquals(start.toInstant(), view(meeting.appointmentId()).getAppointment().getStart().toInstant(),
                "the meeting stays where it was");
    }

    @Test
    void theSameCounterTwiceChangesNothingTheSecondTime() throws Exception {
        OffsetDateTime start = freeSlot();
        Meeting meeting = meetingWithOla(meeting("Budsjettmøte", start));
        Map<String, String> values = counterValues(meeting, start, start.plusHours(2));
        CalendarReply first = send("rfc5546-counter.ics", values);
        Map<String, Long> rows = rows();

        CalendarReply again = send("rfc5546-counter.ics", values);

        assertEquals(ReplyOutcome.APPLIED, first.getOutcome(), first.getReason());
        assertEquals(ReplyOutcome.UNCHANGED, again.getOutcome());
        assertTrue(again.getReason().startsWith("the same proposal again"), again.getReason());
        assertEquals(first.getProposalId(), again.getProposalId(), "it names the pending proposal");
        var proposals = line(view(meeting.appointmentId()), meeting.ola()).getProposal();
        assertEquals(1, proposals.size());
        assertEquals(ProposalState.PENDING, proposals.get(0).getState());
        Map<String, Long> expected = new LinkedHashMap<>(rows);
        expected.merge("calendar_reply", 1L, Long::sum);
        assertEquals(expected, rows());
    }

    @Test
    void aCounterForTheMeetingsOwnSlotAndOneForACancelledMeetingAreRefusedAndOnlyRecorded() throws Exception {
        OffsetDateTime start = freeSlot();
        Meeting meeting = meetingWithOla(meeting("Budsjettmøte", start));
        OffsetDateTime otherStart = freeSlot();
        Meeting cancelled = meetingWithOla(meeting("Budsjettmøte", otherStart));
        alice.cancelAppointment(cancel(cancelled.appointmentId()));
        GetAppointmentParticipantsResponse before = view(meeting.appointmentId());
        Map<String, Long> rows = rows();

        CalendarReply sameSlot = send("outlook-counter-qp.eml", counterValues(meeting, start, start));
        CalendarReply forCancelled = send("rfc5546-counter.ics",
                counterValues(cancelled, otherStart, otherStart.plusHours(2)));

        assertEquals(ReplyOutcome.REFUSED, sameSlot.getOutcome());
        assertEquals("appointment " + meeting.appointmentId() + " is at " + start.toInstant() + " - "
                + start.plusHours(1).toInstant() + " already: propose another time", sameSlot.getReason());
        assertNull(sameSlot.getProposalId());
        assertEquals(ReplyOutcome.REFUSED, forCancelled.getOutcome());
        assertEquals("the meeting was cancelled", forCancelled.getReason());
        Map<String, Long> expected = new LinkedHashMap<>(rows);
        expected.merge("calendar_reply", 2L, Long::sum);
        assertEquals(expected, rows(), "only the records of the messages were written");
        assertEquals(otherwise(before), otherwise(view(meeting.appointmentId())));
        assertTrue(line(view(meeting.appointmentId()), meeting.ola()).getProposal().isEmpty());
    }

    @Test
    void aCounterThatArrivesAfterANewerOneChangesNothingAndANewerOneStillReplacesIt() throws Exception {
        OffsetDateTime start = freeSlot();
        Meeting meeting = meetingWithOla(meeting("Budsjettmøte", start));
        String stampedAt = "DTSTAMP:20291221T090000Z";
        String newer = ReplyFixtures.load("rfc5546-counter.ics", counterValues(meeting, start, start.plusHours(3)))
                .replace(stampedAt, "DTSTAMP:20291221T100000Z");
        String older = ReplyFixtures.load("rfc5546-counter.ics", counterValues(meeting, start, start.plusHours(2)));
        String newest = ReplyFixtures.load("rfc5546-counter.ics", counterValues(meeting, start, start.plusHours(4)))
                .replace(stampedAt, "DTSTAMP:20291221T110000Z");
        assertTrue(older.contains(stampedAt) && !newer.contains(stampedAt), "the fixture's DTSTAMP is replaced");

        CalendarReply first = sendCalendar(newer, directory.admin());
        Map<String, Long> rows = rows();
        CalendarReply late = sendCalendar(older, directory.admin());

        assertEquals(ReplyOutcome.APPLIED, first.getOutcome(), first.getReason());
        assertEquals(ReplyOutcome.UNCHANGED, late.getOutcome());
        assertEquals("older than the COUNTER pending as proposal " + first.getProposalId()
                + " (SEQUENCE 0, DTSTAMP 2029-12-21T10:00:00Z)", late.getReason());
        assertEquals(first.getProposalId(), late.getProposalId(), "it names the pending proposal");
        Map<String, Long> expected = new LinkedHashMap<>(rows);
        expected.merge("calendar_reply", 1L, Long::sum);
        assertEquals(expected, rows(), "only the late message's record was written");
        var pending = line(view(meeting.appointmentId()), meeting.ola()).getProposal().stream()
                .filter(p -> p.getState() == ProposalState.PENDING).toList();
        assertEquals(1, pending.size());
        assertEquals(start.plusHours(3).toInstant(), pending.get(0).getStart().toInstant());

        CalendarReply replacing = sendCalendar(newest, directory.admin());

        assertEquals(ReplyOutcome.APPLIED, replacing.getOutcome(), replacing.getReason());
        var after = line(view(meeting.appointmentId()), meeting.ola()).getProposal().stream()
                .filter(p -> p.getState() == ProposalState.PENDING).toList();
        assertEquals(1, after.size());
        assertEquals(replacing.getProposalId(), after.get(0).getProposalId());
    }

    @Test
    void anOlderAndANewerCounterAtOnceLeaveTheNewerPendingWhicheverComesFirst() throws Exception {
        for (int round = 0; round < 3; round++) {
            OffsetDateTime start = freeSlot();
            Meeting meeting = meetingWithOla(meeting("Budsjettmøte", start));
            String older = ReplyFixtures.load("rfc5546-counter.ics", counterValues(meeting, start, start.plusHours(2)));
            String newer = ReplyFixtures.load("rfc5546-counter.ics", counterValues(meeting, start, start.plusHours(3)))
                    .replace("DTSTAMP:20291221T090000Z", "DTSTAMP:20291221T100000Z");
            Map<String, CalendarReply> replies = new ConcurrentHashMap<>();

            Race race = new Race()
                    .add(() -> replies.put("older", sendCalendar(older, directory.admin())))
                    .add(() -> replies.put("newer", sendCalendar(newer, directory.admin())))
                    .run(Duration.ofSeconds(60));

            assertEquals(List.of(), race.unexpected(), race.toString());
            assertEquals(ReplyOutcome.APPLIED, replies.get("newer").getOutcome(), replies.get("newer").getReason());
            var pending = line(view(meeting.appointmentId()), meeting.ola()).getProposal().stream()
                    .filter(p -> p.getState() == ProposalState.PENDING).toList();
            assertEquals(1, pending.size(), "one pending proposal: " + replies);
            assertEquals(replies.get("newer").getProposalId(), pending.get(0).getProposalId());
            assertEquals(start.plusHours(3).toInstant(), pending.get(0).getStart().toInstant());
        }
    }

    @Test
    void aCounterForAWholeSeriesIsRefusedWithTheReasonProposalsTake() throws Exception {
        Meeting series = meetingWithOla(weeklyInBerlin(2));
        Map<String, Long> rows = rows();

        CalendarReply counter = send("rfc5546-counter.ics", counterValues(series, MONDAY_NINE_BERLIN,
                MONDAY_NINE_BERLIN.plusHours(2)));

        assertEquals(ReplyOutcome.REFUSED, counter.getOutcome());
        assertTrue(counter.getReason().startsWith("propose a new time for one occurrence"), counter.getReason());
        Map<String, Long> expected = new LinkedHashMap<>(rows);
        expected.merge("calendar_reply", 1L, Long::sum);
        assertEquals(expected, rows());
    }

    // ------------------------------------------------------------------ row counts

    private static final List<String> TABLES = List.of("appointment", "participant_record", "outbox_item",
            "audit_event", "time_proposal", "calendar_reply");

    private Map<String, Long> rows() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = TestServer.connectionFor(getClass());
             Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rs = statement.executeQuery("select count(*) from " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }
}
