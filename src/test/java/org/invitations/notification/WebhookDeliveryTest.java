package org.invitations.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.invitations.support.Requests.accept;
import static org.invitations.support.Requests.associate;
import static org.invitations.support.Requests.cancel;
import static org.invitations.support.Requests.decline;
import static org.invitations.support.Requests.freeSlot;
import static org.invitations.support.Requests.meeting;
import static org.invitations.support.Requests.move;
import static org.invitations.support.Requests.seen;
import static org.invitations.support.Requests.tentative;
import static org.invitations.support.Requests.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.concurrent.atomic.AtomicLong;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.invitations.app.InvitationsServer;
import org.invitations.support.Await;
import org.invitations.support.Directory;
import org.invitations.support.TestServer;
import org.invitations.ws.generated.CreateInvitationResponse;
import org.invitations.ws.generated.InvitationsPortType;
import org.invitations.ws.generated.ListDeadDeliveries;
import org.invitations.ws.generated.NotAllowedFault;
import org.invitations.ws.generated.RegisterWebhook;
import org.invitations.ws.generated.RemoveWebhook;
import org.invitations.ws.generated.ResendDelivery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events reach a registered receiver (a real HTTP server: WireMock) signed, in order per appointment,
 * at least once, whatever the receiver does: answers 500 every other time, refuses, or is away.
 */
public class WebhookDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "a-shared-secret-of-32-characters";
    /** WireMock listens on this host: allowed as the operator allows an in-house receiver. */
    static final WebhookTargets LOCAL_RECEIVERS = WebhookTargets.allowing("localhost,127.0.0.0/8,::1");

    @TempDir
    static Path data;
    static WireMockServer receiver;
    static InvitationsServer server;
    static Directory directory;
    static InvitationsPortType admin;
    static InvitationsPortType alice;
    static InvitationsPortType bob;
    static long bobId;

    /** Every call the receiver answered, as it answered it. */
    static final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    final List<Long> webhooks = java.util.Collections.synchronizedList(new ArrayList<>());

    /** Answers every other call with 500, counting all calls to the stubs that name it. */
    static final class EveryOtherFails implements ResponseDefinitionTransformerV2 {

        static final String NAME = "every-other-fails";
        private final AtomicLong calls = new AtomicLong();

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            return calls.incrementAndGet() % 2 == 1
                    ? ResponseDefinitionBuilder.responseDefinition().withStatus(500).build()
                    : serveEvent.getResponseDefinition();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }

    record Call(int status, String body, String signature, String eventId) {

        JsonNode event() {
            try {
                return JSON.readTree(body);
            } catch (java.io.IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    @BeforeAll
    static void start(org.junit.jupiter.api.TestInfo test) throws Exception {
        receiver = new WireMockServer(options().dynamicPort().containerThreads(20).extensions(new EveryOtherFails()));
        receiver.start();
        receiver.addMockServiceRequestListener((request, response) -> calls.add(new Call(response.getStatus(),
                request.getBodyAsString(), request.getHeader(Signature.HEADER),
                request.getHeader("X-Invitations-Event-Id"))));
        NotificationSettings.Delivery quick = new NotificationSettings.Delivery(Duration.ofMillis(20),
                Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofMinutes(10), Duration.ofSeconds(2), 8);
        server = InvitationsServer.start(TestServer.configFor(test.getTestClass().orElse(null), data).toBuilder()
                .notifications(NotificationSettings.DEFAULT.withDelivery(quick).withWebhookTargets(LOCAL_RECEIVERS))
                .build());
        directory = new Directory(server.address());
        admin = directory.admin();
        alice = directory.alice();
        bob = directory.bob();
        bobId = directory.idOf("bob");
    }

    @AfterAll
    static void stop() {
        server.close();
        receiver.stop();
    }

    @BeforeEach
    void clear() {
        receiver.resetMappings();
        calls.clear();
    }

    @AfterEach
    void removeWebhooks() throws Exception {
        for (long id : webhooks) {
            RemoveWebhook remove = new RemoveWebhook();
            remove.setWebhookId(id);
            admin.removeWebhook(remove);
        }
    }

    private long register(String path) throws Exception {
        RegisterWebhook request = new RegisterWebhook();
        request.setUrl(receiver.baseUrl() + path);
        request.setSecret(SECRET);
        long id = admin.registerWebhook(request).getWebhook().getWebhookId();
        webhooks.add(id);
        return id;
    }

    /** The events delivered (answered 2xx), each once, in the order they were first delivered. */
    private static Map<String, JsonNode> delivered() {
        Map<String, JsonNode> events = new LinkedHashMap<>();
        for (Call call : calls) {
            if (call.status() / 100 == 2) {
                events.putIfAbsent(call.eventId(), call.event());
            }
        }
        return events;
    }

    private static List<String> typesOf(long appointmentId) {
        return delivered().values().stream().filter(e -> e.get("appointmentId").asLong() == appointmentId)
                .map(e -> e.get("type").asText()).toList();
    }

    @Test
    void everyChangeReachesTheReceiverSignedAndInOrder() throws Exception {
        receiver.stubFor(post(urlPathEqualTo("/hooks/crm")).willReturn(aResponse().withStatus(204)));
        register("/hooks/crm");

        CreateInvitationResponse created = alice.createInvitation(meeting("Budget", freeSlot(), associate(bobId)));
        long appointmentId = created.getAppointmentId();
        long recordId = created.getParticipant().get(0).getRecordId();
        bob.markInvitationSeen(seen(recordId));
        bob.acceptInvitation(accept(recordId));
        bob.acceptInvitation(accept(recordId)); // a retried accept changes nothing and tells nobody
        bob.declineInvitation(decline(recordId, "Clashes with the board meeting"));
        alice.moveAppointment(move(appointmentId, freeSlot()));
        alice.cancelAppointment(cancel(appointmentId));

        List<String> expected = List.of("invitation.created", "invitation.seen", "invitation.accepted",
                "invitation.declined", "appointment.moved", "appointment.cancelled");
        Await.until(Duration.ofSeconds(30), () -> typesOf(appointmentId).size() >= expected.size(),
                () -> "delivered so far: " + typesOf(appointmentId));
        assertEquals(expected, typesOf(appointmentId));
        for (Call call : calls) {
            assertTrue(Signature.verify(SECRET, call.signature(), call.body()), "signature of " + call.body());
            assertEquals(call.eventId(), call.event().get("id").asText());
        }
        JsonNode declined = delivered().values().stream()
                .filter(e -> e.get("type").asText().equals("invitation.declined")).findFirst().orElseThrow();
        assertEquals(recordId, declined.get("recordId").asLong());
        assertEquals(9, declined.get("status").asInt());
        assertEquals("Clashes with the board meeting", declined.get("declineReason").asText());
        JsonNode moved = delivered().values().stream()
                .filter(e -> e.get("type").asText().equals("appointment.moved")).findFirst().orElseThrow();
        assertEquals(1, moved.get("sequence").asInt());
    }

    @Test
    void anAnswerOnASeriesIsOneEventNamingTheSeriesAndForOneOccurrenceOrTheFollowingItsRecurrenceId()
            throws Exception {
        receiver.stubFor(post(urlPathEqualTo("/hooks/series")).willReturn(aResponse().withStatus(204)));
        register("/hooks/series");
        org.invitations.ws.generated.CreateInvitation request = meeting("Weekly", freeSlot(), associate(bobId));
        org.invitations.ws.generated.Recurrence weekly = new org.invitations.ws.generated.Recurrence();
        weekly.setRrule("FREQ=WEEKLY;COUNT=4");
        request.setRecurrence(weekly);
        CreateInvitationResponse created = alice.createInvitation(request);
        long seriesId = created.getAppointmentId();
        long seriesRecord = created.getParticipant().get(0).getRecordId();
        var second = created.getOccurrence().get(1);
        var third = created.getOccurrence().get(2);

        bob.acceptInvitation(accept(seriesRecord));
        var occurrence = decline(seriesRecord, "Dentist");
        occurrence.setRecurrenceId(second.getRecurrenceId());
        long secondRecord = bob.declineInvitation(occurrence).getRecordId();
        var following = decline(seriesRecord, "Leaving");
        following.setRecurrenceId(third.getRecurrenceId());
        following.setScope(org.invitations.ws.generated.Scope.FOLLOWING);
        long thirdRecord = bob.declineInvitation(following).getRecordId();

        Await.until(Duration.ofSeconds(30), () -> ofSeries(seriesId).size() >= 4,
                () -> "delivered so far: " + ofSeries(seriesId));
        List<JsonNode> events = ofSeries(seriesId);
        assertEquals(4, events.size(), "the create and one event per answer, not one per occurrence: " + events);
        JsonNode accepted = events.stream().filter(e -> e.get("type").asText().equals("invitation.accepted"))
                .findFirst().orElseThrow();
        assertEquals(seriesId, accepted.get("appointmentId").asLong());
        assertEquals(seriesRecord, accepted.get("recordId").asLong());
        assertEquals("SERIES", accepted.get("scope").asText());
        assertTrue(accepted.path("recurrenceId").isMissingNode());
        JsonNode one = events.stream().filter(e -> e.path("recordId").asLong() == secondRecord).findFirst().orElseThrow();
        assertEquals("invitation.declined", one.get("type").asText());
        assertEquals(second.getAppointmentId(), one.get("appointmentId").asLong());
        assertEquals(second.getRecurrenceId().toInstant().toString(), one.get("recurrenceId").asText());
        assertEquals("OCCURRENCE", one.get("scope").asText());
        assertEquals("Dentist", one.get("declineReason").asText());
        JsonNode rest = events.stream().filter(e -> e.path("recordId").asLong() == thirdRecord).findFirst().orElseThrow();
        assertEquals(third.getRecurrenceId().toInstant().toString(), rest.get("recurrenceId").asText());
        assertEquals("FOLLOWING", rest.get("scope").asText());
    }

    @Test
    void aPersonsReplyFromItsCalendarIsAPersonRepliedEventWithTheAnswerAndComment() throws Exception {
        receiver.stubFor(post(urlPathEqualTo("/hooks/replies")).willReturn(aResponse().withStatus(204)));
        register("/hooks/replies");
        org.invitations.ws.generated.CreateContact customer = new org.invitations.ws.generated.CreateContact();
        customer.setName("Replying customer");
        org.invitations.ws.generated.NewPerson ola = new org.invitations.ws.generated.NewPerson();
        ola.setFullName("Ola Nordmann");
        ola.setEmail("ola.webhook@fjordline.example");
        customer.getPerson().add(ola);
        long olaId = admin.createContact(customer).getContact().getPerson().get(0).getPersonId();
        CreateInvitationResponse created = alice.createInvitation(meeting("Budget", freeSlot(),
                org.invitations.support.Requests.person(olaId)));
        long appointmentId = created.getAppointmentId();
        long olasRecord = created.getParticipant().get(0).getRecordId();
        org.invitations.ws.generated.ProcessCalendarReply reply = new org.invitations.ws.generated.ProcessCalendarReply();
        reply.setCalendar(org.invitations.support.ReplyFixtures.load("rfc5546-reply-declined-lf.ics", Map.of(
                "uid", "appointment-" + appointmentId + "@invitations.local", "attendee", "ola.webhook@fjordline.example",
                "organizer", "alice@example.com")));

        admin.processCalendarReply(reply);
        admin.processCalendarReply(reply); // the same reply again changes nothing and tells nobody

        Await.until(Duration.ofSeconds(30), () -> typesOf(appointmentId).size() >= 2,
                () -> "delivered so far: " + typesOf(appointmentId));
        assertEquals(List.of("invitation.created", "person.replied"), typesOf(appointmentId));
        JsonNode replied = delivered().values().stream()
                .filter(e -> e.get("type").asText().equals("person.replied")).findFirst().orElseThrow();
        assertEquals(olasRecord, replied.get("recordId").asLong());
        assertEquals(olaId, replied.get("personId").asLong());
        assertEquals("DECLINED", replied.get("answer").asText());
        assertEquals("I am out of the office that week.", replied.get("comment").asText());
        assertEquals(1, replied.get("status").asInt(), "a person stays booked; the answer is its own field");
    }

    private static List<JsonNode> ofSeries(long seriesId) {
        return delivered().values().stream().filter(e -> e.path("seriesId").asLong() == seriesId).toList();
    }

    @Test
    void aThousandChangesWithTheReceiverFailingHalfTheCallsAllArriveInOrder() throws Exception {
        // every other call fails with 500, whatever the event
        receiver.stubFor(post(urlPathEqualTo("/hooks/flaky")).willReturn(aResponse().withStatus(200)
                .withTransformers(EveryOtherFails.NAME)));
        register("/hooks/flaky");

        List<String> changes = List.of("invitation.created", "invitation.seen", "invitation.accepted",
                "invitation.declined", "invitation.accepted", "appointment.moved", "invitation.tentative",
                "appointment.updated", "invitation.accepted", "appointment.cancelled");
        int appointments = 100;
        long started = System.nanoTime();
        ExecutorService owners = Executors.newFixedThreadPool(4);
        List<Future<Long>> made = new ArrayList<>();
        for (int i = 0; i < appointments; i++) {
            made.add(owners.submit(() -> {
                CreateInvitationResponse created = alice.createInvitation(meeting("Sync", freeSlot(),
                        associate(bobId)));
                long id = created.getAppointmentId();
                long record = created.getParticipant().get(0).getRecordId();
                bob.markInvitationSeen(seen(record));
                bob.acceptInvitation(accept(record));
                bob.declineInvitation(decline(record, "Away"));
                bob.acceptInvitation(accept(record));
                alice.moveAppointment(move(id, freeSlot()));
                bob.tentativelyAcceptInvitation(tentative(record));
                var retitle = update(id);
                retitle.setTitle("Sync (moved)");
                alice.updateAppointment(retitle);
                bob.acceptInvitation(accept(record));
                alice.cancelAppointment(cancel(id));
                return id;
            }));
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (Future<Long> future : made) {
            ids.add(future.get());
        }
        owners.shutdown();
        int expected = appointments * changes.size();

        long changed = System.nanoTime();
        System.out.println(expected + " changes made in " + (changed - started) / 1_000_000 + " ms");
        Await.until(Duration.ofSeconds(120), () -> delivered().size() >= expected,
                () -> delivered().size() + " of " + expected + " events delivered; short: " + ids.stream()
                        .filter(id -> !typesOf(id).equals(changes)).map(id -> id + "=" + typesOf(id)).toList() + "; dead: "
                        + deadList());
        System.out.println("all delivered " + (System.nanoTime() - changed) / 1_000_000 + " ms after the last change");
        long failures = calls.stream().filter(c -> c.status() == 500).count();
        System.out.println(expected + " events, " + calls.size() + " calls, " + failures + " answered 500, "
                + delivered().size() + " delivered");
        assertEquals(expected, delivered().size(), "every event delivered, none twice counted");
        for (long id : ids) {
            assertEquals(changes, typesOf(id), "the order of appointment " + id);
        }
        assertTrue(failures >= expected - 1, "the receiver failed half of the calls: " + failures);
    }

    @Test
    void aRefusedEventIsDeadUntilAnAdminResendsIt() throws Exception {
        receiver.stubFor(post(urlPathEqualTo("/hooks/gone")).willReturn(aResponse().withStatus(410)));
        register("/hooks/gone");

        long appointmentId = alice.createInvitation(meeting("Review", freeSlot(), associate(bobId)))
                .getAppointmentId();

        Await.until(Duration.ofSeconds(30), () -> deadFor(appointmentId) != null,
                () -> "no dead delivery for appointment " + appointmentId);
        var dead = deadFor(appointmentId);
        assertEquals("failed: HTTP 410", dead.getLastError());
        assertEquals(1, dead.getAttempts());
        assertThrows(NotAllowedFault.class, () -> bob.listDeadDeliveries(new ListDeadDeliveries()));

        receiver.stubFor(post(urlPathEqualTo("/hooks/gone")).willReturn(aResponse().withStatus(200)));
        ResendDelivery resend = new ResendDelivery();
        resend.setDeliveryId(dead.getDeliveryId());
        admin.resendDelivery(resend);

        Await.until(Duration.ofSeconds(30), () -> typesOf(appointmentId).contains("invitation.created"),
                () -> "not delivered after the resend");
        assertEquals(null, deadFor(appointmentId));
    }

    @Test
    void adminsRegisteringAndResendingWhileOwnersChangeGetDeclaredAnswersOnly() throws Exception {
        receiver.stubFor(post(urlPathEqualTo("/hooks/gone")).willReturn(aResponse().withStatus(410)));
        register("/hooks/gone");
        long appointmentId = alice.createInvitation(meeting("Race", freeSlot(), associate(bobId))).getAppointmentId();
        Await.until(Duration.ofSeconds(30), () -> deadFor(appointmentId) != null, () -> "not dead yet");
        long dead = deadFor(appointmentId).getDeliveryId();
        receiver.stubFor(post(urlPathEqualTo("/hooks/race")).willReturn(aResponse().withStatus(200)));
        ResendDelivery resend = new ResendDelivery();
        resend.setDeliveryId(dead);

        org.invitations.support.Race race = new org.invitations.support.Race()
                .add(4, () -> admin.resendDelivery(resend))
                .add(3, () -> register("/hooks/race"))
                .add(4, () -> alice.createInvitation(meeting("During", freeSlot(), associate(bobId))))
                .add(2, () -> alice.moveAppointment(move(appointmentId, freeSlot())))
                .run(Duration.ofSeconds(60));

        System.out.println("admins and owners at once: " + race);
        assertEquals(List.of(), race.unexpected("InvalidRequestFault", "ConcurrentModificationFault"));
        assertEquals(10, race.count("OK"), "every create, move and register, and one resend: " + race);
        assertEquals(3, race.count("InvalidRequestFault"), "the other resends find it queued already: " + race);
    }

    @Test
    void onlyAnAdminRegistersAWebhook() {
        RegisterWebhook request = new RegisterWebhook();
        request.setUrl(receiver.baseUrl() + "/hooks/mine");
        request.setSecret(SECRET);

        assertThrows(NotAllowedFault.class, () -> alice.registerWebhook(request));
    }

    private static List<String> deadList() {
        try {
            return admin.listDeadDeliveries(new ListDeadDeliveries()).getDelivery().stream()
                    .map(d -> d.getAppointmentId() + ":" + d.getEventType() + ":" + d.getAttempts() + ":" + d.getLastError())
                    .toList();
        } catch (Exception e) {
            return List.of(e.toString());
        }
    }

    private static org.invitations.ws.generated.Delivery deadFor(long appointmentId) throws Exception {
        return admin.listDeadDeliveries(new ListDeadDeliveries()).getDelivery().stream()
                .filter(d -> d.getAppointmentId() == appointmentId).findFirst().orElse(null);
    }
}
