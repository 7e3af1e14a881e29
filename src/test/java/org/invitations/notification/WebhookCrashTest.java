package org.invitations.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.invitations.support.Requests.accept;
import static org.invitations.support.Requests.associate;
import static org.invitations.support.Requests.freeSlot;
import static org.invitations.support.Requests.meeting;
import static org.invitations.support.Requests.move;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.invitations.support.Await;
import org.invitations.support.Directory;
import org.invitations.support.ServiceProcess;
import org.invitations.ws.generated.CreateInvitationResponse;
import org.invitations.ws.generated.InvitationsPortType;
import org.invitations.ws.generated.RegisterWebhook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the server while it delivers events to a slow receiver, then a restart on the same data:
 * every event still arrives (those in flight at the kill, again), in order per appointment.
 */
class WebhookCrashTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    @Test
    void eventsInFlightWhenTheServerIsKilledArriveAfterTheRestart() throws Exception {
        WireMockServer receiver = new WireMockServer(options().dynamicPort().containerThreads(20));
        receiver.start();
        ConcurrentLinkedQueue<JsonNode> delivered = new ConcurrentLinkedQueue<>();
        receiver.addMockServiceRequestListener((request, response) -> {
            if (response.getStatus() == 200) {
                try {
                    delivered.add(JSON.readTree(request.getBodyAsString()));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        // slow enough that the kill comes while calls are in flight
        receiver.stubFor(post(urlPathEqualTo("/hooks")).willReturn(aResponse().withStatus(200).withFixedDelay(700)));
        String[] flags = {"--delivery-timeout=1s", "--webhook-allow=localhost,127.0.0.1,::1"};
        List<Long> appointments = new ArrayList<>();
        int changes = 0;
        ServiceProcess first = ServiceProcess.start(data, Map.of(), flags);
        try {
            Directory directory = new Directory(first.address());
            RegisterWebhook register = new RegisterWebhook();
            register.setUrl(receiver.baseUrl() + "/hooks");
            register.setSecret("a-shared-secret-of-32-characters");
            directory.admin().registerWebhook(register);
            InvitationsPortType alice = directory.alice();
            InvitationsPortType bob = directory.bob();
            long bobId = directory.idOf("bob");
            for (int i = 0; i < 10; i++) {
                CreateInvitationResponse created = alice.createInvitation(meeting("Crash " + i, freeSlot(),
                        associate(bobId)));
                bob.acceptInvitation(accept(created.getParticipant().get(0).getRecordId()));
                alice.moveAppointment(move(created.getAppointmentId(), freeSlot()));
                appointments.add(created.getAppointmentId());
                changes += 3;
            }
            Await.until(Duration.ofSeconds(60), () -> delivered.size() >= 3, () -> delivered.size() + " delivered");
        } finally {
            first.kill();
        }
        int deliveredAtKill = distinct(delivered).size();
        System.out.println("killed with " + deliveredAtKill + " of " + changes + " events delivered");

        try (ServiceProcess second = ServiceProcess.start(data, first.port(), Map.of(), flags)) {
            int expected = changes;
            Await.until(Duration.ofSeconds(120), () -> distinct(delivered).size() >= expected,
                    () -> distinct(delivered).size() + " of " + expected + " delivered after the restart");
        } finally {
            receiver.stop();
        }
        Map<String, JsonNode> events = distinct(delivered);
        System.out.println(events.size() + " events delivered, " + (delivered.size() - events.size())
                + " of them twice (in flight at the kill)");
        assertEquals(changes, events.size());
        for (long id : appointments) {
            assertEquals(List.of("invitation.created", "invitation.accepted", "appointment.moved"),
                    events.values().stream().filter(e -> e.get("appointmentId").asLong() == id)
                            .map(e -> e.get("type").asText()).toList(), "order of appointment " + id);
        }
    }

    /** Each event once, by id, in the order it was first delivered. */
    private static Map<String, JsonNode> distinct(ConcurrentLinkedQueue<JsonNode> delivered) {
        Map<String, JsonNode> events = new LinkedHashMap<>();
        for (JsonNode event : delivered) {
            events.putIfAbsent(event.get("id").asText(), event);
        }
        return events;
    }
}
