package org.invitations.app;

import static org.invitations.support.Requests.accept;
import static org.invitations.support.Requests.associate;
import static org.invitations.support.Requests.freeSlot;
import static org.invitations.support.Requests.meeting;
import static org.invitations.support.Requests.move;
import static org.invitations.support.Requests.participants;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.xml.ws.soap.SOAPFaultException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.invitations.support.Clients;
import org.invitations.support.Directory;
import org.invitations.support.Postgres;
import org.invitations.support.Race;
import org.invitations.support.ServiceProcess;
import org.invitations.support.TestServer;
import org.invitations.ws.generated.InvitationsPortType;
import org.invitations.ws.generated.ParticipantView;
import org.invitations.ws.generated.SetAssociateEnabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two service nodes (separate JVMs, different ports, the real start command) on one PostgreSQL: a
 * concurrent workload spread over both ends as one node would leave it, and a disabled account stops
 * working on the other node within the login cache's time.
 */
class TwoNodesTest {

    /** How long a node may still accept a login that another node disabled (the login cache's time). */
    static final Duration DISABLE_BOUND = InvitationsServer.LOGIN_CACHE.plusSeconds(5);

    @TempDir
    Path data;

    @Test
    void aWorkloadSpreadOverTwoNodesEndsAsOnOneNode() throws Exception {
        String url = Postgres.freshDatabase();
        try (ServiceProcess a = node(url, data.resolve("a")); ServiceProcess b = node(url, data.resolve("b"))) {
            Directory viaA = new Directory(a.address());
            long bob = viaA.idOf("bob");
            long carol = viaA.idOf("carol");
            InvitationsPortType aliceOnA = Clients.as(a.address(), "alice", DemoData.ALICE_PASSWORD);
            InvitationsPortType aliceOnB = Clients.as(b.address(), "alice", DemoData.ALICE_PASSWORD);
            InvitationsPortType[] bobOn = {Clients.as(a.address(), "bob", DemoData.BOB_PASSWORD),
                    Clients.as(b.address(), "bob", DemoData.BOB_PASSWORD)};
            InvitationsPortType[] carolOn = {Clients.as(a.address(), "carol", DemoData.CAROL_PASSWORD),
                    Clients.as(b.address(), "carol", DemoData.CAROL_PASSWORD)};

            List<Long> meetings = new ArrayList<>();
            Race race = new Race();
            for (int i = 0; i < 20; i++) {
                var start = freeSlot();
                var created = (i % 2 == 0 ? aliceOnA : aliceOnB).createInvitation(
                        meeting("Two nodes " + i, start, associate(bob), associate(carol)));
                long appointment = created.getAppointmentId();
                meetings.add(appointment);
                long bobs = created.getParticipant().get(0).getRecordId();
                long carols = created.getParticipant().get(1).getRecordId();
                InvitationsPortType bobPort = bobOn[i % 2];
                InvitationsPortType carolPort = carolOn[(i + 1) % 2];
                InvitationsPortType mover = i % 2 == 0 ? aliceOnB : aliceOnA;
                race.add(() -> bobPort.acceptInvitation(accept(bobs)));
                race.add(() -> carolPort.acceptInvitation(accept(carols)));
                race.add(() -> mover.moveAppointment(move(appointment, start.plusHours(2))));
            }
            race.run(Duration.ofSeconds(120));

            System.out.println("two nodes, 20 meetings, accept x2 and move each at once: " + race);
            assertEquals(List.of(), race.unexpected(), "every call answered OK: " + race);
            for (long appointment : meetings) {
                var view = aliceOnA.getAppointmentParticipants(participants(appointment));
                assertEquals(1, view.getAppointment().getSequence(), "the move was not lost");
                for (ParticipantView line : view.getParticipant()) {
                    assertTrue(line.getStatus() == 1 || line.getStatus() == 6, "accepted, or asked again by a"
                            + " move that came after: never the untouched 5, which a lost accept would leave: "
                            + line.getStatus());
                }
            }
        }
    }

    @Test
    void anAccountDisabledOnOneNodeStopsWorkingOnTheOtherWithinTheBound() throws Exception {
        String url = Postgres.freshDatabase();
        try (ServiceProcess a = node(url, data.resolve("a")); ServiceProcess b = node(url, data.resolve("b"))) {
            InvitationsPortType carolOnB = Clients.as(b.address(), "carol", DemoData.CAROL_PASSWORD);
            carolOnB.getInvitations(new org.invitations.ws.generated.GetInvitations());
            SetAssociateEnabled disable = new SetAssociateEnabled();
            disable.setAssociateId(new Directory(a.address()).idOf("carol"));
            disable.setEnabled(false);
            long disabledAt = System.nanoTime();
            new Directory(a.address()).admin().setAssociateEnabled(disable);

            long deadline = disabledAt + DISABLE_BOUND.toNanos();
            boolean refused = false;
            while (!refused && System.nanoTime() < deadline) {
                try {
                    carolOnB.getInvitations(new org.invitations.ws.generated.GetInvitations());
                } catch (SOAPFaultException e) {
                    refused = e.getFault().getFaultCodeAsQName().getLocalPart().equals("FailedAuthentication");
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - disabledAt);
            System.out.println("disabled on node A, refused on node B after " + took.toMillis() + " ms");
            assertTrue(refused, "refused on the other node within " + DISABLE_BOUND);
        }
    }

    /** One node on the shared PostgreSQL database. */
    private static ServiceProcess node(String jdbcUrl, Path dataDir) throws Exception {
        return ServiceProcess.start(dataDir, java.util.Map.of("INVITATIONS_JDBC_USER", "postgres",
                "INVITATIONS_JDBC_PASSWORD", "postgres"), "--jdbc-url=" + jdbcUrl);
    }
}
