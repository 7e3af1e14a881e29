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
        try (Node a = Node.start(url, data.resolve("a")); Node b = Node.start(url, data.resolve("b"))) {
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
        try (Node a = Node.start(url, data.resolve("a")); Node b = Node.start(url, data.resolve("b"))) {
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

    /** One service node: the real start command (Main) in its own JVM, its output in a file. */
    private record Node(Process process, String address) implements AutoCloseable {

        static Node start(String jdbcUrl, Path dataDir) throws Exception {
            int port = TestServer.freePort();
            java.nio.file.Files.createDirectories(dataDir);
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "--demo", "--host=127.0.0.1", "--port=" + port, "--data=" + dataDir, "--jdbc-url=" + jdbcUrl);
            builder.environment().put("INVITATIONS_JDBC_USER", "postgres");
            builder.environment().put("INVITATIONS_JDBC_PASSWORD", "postgres");
            builder.environment().put("INVITATIONS_PBKDF2_ITERATIONS", String.valueOf(TestServer.TEST_ITERATIONS));
            builder.redirectErrorStream(true);
            Process process = builder.start();
            java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
            Path log = dataDir.resolve("node.log");
            Thread copier = new Thread(() -> {
                try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream()));
                     var out = java.nio.file.Files.newBufferedWriter(log)) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        out.write(line);
                        out.newLine();
                        out.flush();
                        if (line.contains("Invitations service listening on")) {
                            ready.countDown();
                        }
                    }
                } catch (IOException ended) {
                    // the node stopped
                }
            }, "node-output");
            copier.setDaemon(true);
            copier.start();
            if (!ready.await(90, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("node did not start within 90 s; see " + log);
            }
            return new Node(process, "http://127.0.0.1:" + port + ServerConfig.PATH);
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
