package org.invitations.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.invitations.support.Requests.associate;
import static org.invitations.support.Requests.freeSlot;
import static org.invitations.support.Requests.meeting;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.invitations.support.Await;
import org.invitations.support.Directory;
import org.invitations.support.ServiceProcess;
import org.invitations.ws.generated.Delivery;
import org.invitations.ws.generated.ListDeadDeliveries;
import org.invitations.ws.generated.RegisterWebhook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A name that passed registration and resolves to an internal address when the event goes out (what a
 * DNS answer changed after registration does) is refused at delivery, before any connection. The node
 * runs in its own JVM whose resolver is a hosts file (jdk.net.hosts.file): the name resolves to
 * 127.0.0.1 there, and no DNS server is asked.
 */
class WebhookRebindingTest {

    @TempDir
    Path data;
    @TempDir
    Path etc;

    @Test
    void aNameThatResolvesToTheServiceOwnHostAtDeliveryIsRefusedWithoutContactingIt() throws Exception {
        WireMockServer receiver = new WireMockServer(options().dynamicPort());
        receiver.start();
        Path hosts = etc.resolve("hosts");
        Files.writeString(hosts, "127.0.0.1 localhost\n127.0.0.1 hooks.rebound.example\n");
        receiver.stubFor(post(urlPathEqualTo("/hooks")).willReturn(aResponse().withStatus(204)));
        try (ServiceProcess node = ServiceProcess.start(data.resolve("node"),
                Map.of("JAVA_TOOL_OPTIONS", "-Djdk.net.hosts.file=" + hosts))) {
            Directory directory = new Directory(node.address());
            RegisterWebhook register = new RegisterWebhook();
            register.setUrl("http://hooks.rebound.example:" + receiver.port() + "/hooks");
            register.setSecret("a-shared-secret-of-32-characters");
            directory.admin().registerWebhook(register); // a name: registration asks no DNS and lets it pass

            long appointmentId = directory.alice().createInvitation(meeting("Rebound", freeSlot(),
                    associate(directory.idOf("bob")))).getAppointmentId();

            Delivery[] dead = new Delivery[1];
            Await.until(Duration.ofSeconds(30), () -> {
                dead[0] = directory.admin().listDeadDeliveries(new ListDeadDeliveries()).getDelivery().stream()
                        .filter(d -> d.getAppointmentId() == appointmentId).findFirst().orElse(null);
                return dead[0] != null;
            }, () -> "no dead delivery for appointment " + appointmentId);
            assertEquals("refused: hooks.rebound.example resolves to a loopback address"
                    + " (not allowed by the operator's --webhook-allow)", dead[0].getLastError());
            assertEquals(1, dead[0].getAttempts());
            assertEquals(0, receiver.findAll(anyRequestedFor(anyUrl())).size(), "the receiver was called");
        } finally {
            receiver.stop();
        }
    }
}
