package org.invitations.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.invitations.app.DemoData;
import org.invitations.app.ServerConfig;
import org.invitations.support.Await;
import org.invitations.support.Postgres;
import org.invitations.support.RawSoap;
import org.invitations.support.ServiceProcess;
import org.invitations.support.TestServer;

/**
 * The balancer run, a command of its own: {@code mvn -q -DskipTests test-compile exec:exec@failover
 * [-Dfailover.args="--runs=2"]}. Needs {@code haproxy} on the PATH ({@code .ci/run} installs Debian's).
 * Two nodes (the real start command, their own JVMs) on one PostgreSQL behind HAProxy, configured by
 * {@code docker/haproxy.cfg} with only its addresses rewritten to 127.0.0.1. Eight clients create
 * meetings through the balancer, each create with a requestId that the client repeats until it gets an
 * answer; in the middle, one node is killed with SIGKILL. Checks: no client is answered 503 (requests
 * that HAProxy sent to the dead node before its health check marked it down are redispatched, because
 * they never reached it); a call sent before the killed node's process had ended may have reached it and
 * be answered 502 or have its connection closed without an answer (HAProxy never replays a call that
 * reached a node), and its retry with the same requestId is answered; a call sent after the process
 * ended is never lost; every acknowledged create exists exactly once. Exits 1 on any
 * finding.
 */
public final class FailoverRun {

    private static final int CLIENTS = 8;
    private static final int CREATES_BEFORE_KILL = 80;
    /** Long enough for the health check to mark the dead node down (inter 2s, fall 2) and beyond. */
    private static final Duration AFTER_KILL = Duration.ofSeconds(10);

    public static void main(String[] args) throws Exception {
        int runs = List.of(args).stream().filter(a -> a.startsWith("--runs=")).findFirst()
                .map(a -> Integer.parseInt(a.substring(7))).orElse(2);
        int findings = 0;
        for (int run = 1; run <= runs; run++) {
            findings += new FailoverRun().run(run);
        }
        System.out.println("failover runs behind HAProxy: " + runs + ", findings: " + findings);
        System.exit(findings == 0 ? 0 : 1);
    }

    /** What the clients saw: acknowledged creates by title, and every answer that was not a 200. */
    private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, Integer> refusals = new ConcurrentHashMap<>();
    /** Per client: calls answered 502 or closed without an answer, sent before the killed node had ended. */
    private final Map<Integer, Integer> broken = new ConcurrentHashMap<>();
    /** The same, sent after the killed node's process had ended: none may be lost (findings). */
    private final Map<Integer, Integer> lostAfterKill = new ConcurrentHashMap<>();
    /** System.nanoTime() once the killed node's process has ended; Long.MAX_VALUE before. */
    private final AtomicLong killed = new AtomicLong(Long.MAX_VALUE);

    private int run(int run) throws Exception {
        Path work = Files.createTempDirectory("failover-" + run);
        String jdbcUrl = Postgres.freshDatabase();
        Map<String, String> env = Map.of("INVITATIONS_JDBC_USER", "postgres", "INVITATIONS_JDBC_PASSWORD", "postgres");
        ServiceProcess one = ServiceProcess.start(work.resolve("node1"), env, "--jdbc-url=" + jdbcUrl);
        ServiceProcess two = ServiceProcess.start(work.resolve("node2"), env, "--jdbc-url=" + jdbcUrl);
        int front = TestServer.freePort();
        Process haproxy = haproxy(work, front, one.port(), two.port());
        try {
            String address = "http://127.0.0.1:" + front + ServerConfig.PATH;
            RawSoap soap = awaitBalancer(address);
            String bobId = soap.call("alice", DemoData.ALICE_PASSWORD, "<inv:ListAssociates/>")
                    .xpath("//inv:associate[inv:username='bob']/inv:associateId");
            CountDownLatch enough = new CountDownLatch(CREATES_BEFORE_KILL);
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.submit(() -> write(address, run, client, bobId, enough, stop));
            }
            if (!enough.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the clients did not get " + CREATES_BEFORE_KILL + " creates through");
            }
            int beforeKill = acknowledged.size();
            one.kill();
            killed.set(System.nanoTime());
            Instant killedAt = Instant.now();
            Await.until(Duration.ofSeconds(90), () -> Duration.between(killedAt, Instant.now()).compareTo(AFTER_KILL) >= 0
                            && acknowledged.size() >= beforeKill + CREATES_BEFORE_KILL,
                    () -> acknowledged.size() - beforeKill + " creates acknowledged since the kill");
            stop.set(true);
            clients.shutdown();
            if (!clients.awaitTermination(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("a client did not finish within 60 s of the stop");
            }
            int findings = check(run, jdbcUrl, beforeKill);
            two.close();
            return findings;
        } finally {
            haproxy.destroy();
            haproxy.waitFor(10, TimeUnit.SECONDS);
            one.kill();
            two.kill();
        }
    }

    /** docker/haproxy.cfg as shipped, with the nodes' and the front's addresses rewritten to 127.0.0.1. */
    private static Process haproxy(Path work, int front, int node1, int node2) throws IOException {
        String shipped = Files.readString(Path.of("docker/haproxy.cfg"));
        String local = shipped.replace("bind :" + ServerConfig.DEFAULT_PORT, "bind 127.0.0.1:" + front)
                .replace("node1:" + ServerConfig.DEFAULT_PORT, "127.0.0.1:" + node1)
                .replace("node2:" + ServerConfig.DEFAULT_PORT, "127.0.0.1:" + node2);
        if (local.equals(shipped)) {
            throw new IllegalStateException("docker/haproxy.cfg no longer has the addresses this run rewrites");
        }
        Path config = work.resolve("haproxy.cfg");
        Files.writeString(config, local);
        return new ProcessBuilder("haproxy", "-db", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("haproxy.log").toFile()).start();
    }

    private static RawSoap awaitBalancer(String address) throws Exception {
        RawSoap soap = new RawSoap(address);
        Await.until(Duration.ofSeconds(30), () -> {
            try {
                return soap.call("alice", DemoData.ALICE_PASSWORD, "<inv:ListAssociates/>").status() == 200;
            } catch (IOException notYet) {
                return false;
            }
        }, () -> "HAProxy on " + address + " answers no call (see haproxy.log in the run's folder)");
        return soap;
    }

    /** Creates meetings until told to stop; each create is repeated with its requestId until answered. */
    private void write(String address, int run, int client, String bobId, CountDownLatch enough, AtomicBoolean stop) {
        RawSoap soap = new RawSoap(address);
        for (int i = 0; !stop.get(); i++) {
            String title = "Failover " + run + "-" + client + "-" + i;
            String body = """
                    <inv:CreateInvitation><inv:type>MEETING</inv:type><inv:title>%s</inv:title>
                    <inv:start>2033-0%d-1%dT09:00:00Z</inv:start><inv:end>2033-0%d-1%dT10:00:00Z</inv:end>
                    <inv:participants><inv:participant><inv:associateId>%s</inv:associateId></inv:participant>
                    </inv:participants><inv:requestId>%s</inv:requestId></inv:CreateInvitation>""".formatted(title,
                    1 + i % 9, i % 10, 1 + i % 9, i % 10, bobId, UUID.randomUUID());
            for (int attempt = 0; attempt < 20; attempt++) {
                long sent = System.nanoTime();
                try {
                    RawSoap.Reply reply = soap.call("alice", DemoData.ALICE_PASSWORD, body);
                    if (reply.status() == 200) {
                        acknowledged.put(title, Long.parseLong(reply.xpath("//inv:appointmentId")));
                        enough.countDown();
                        break;
                    }
                    if (reply.status() == 502) {
                        lost(client, sent);
                    } else {
                        refusals.merge("HTTP " + reply.status(), 1, Integer::sum);
                    }
                } catch (IOException e) {
                    lost(client, sent);
                } catch (Exception e) {
                    refusals.merge(e.toString(), 1, Integer::sum);
                }
            }
        }
    }

    private void lost(int client, long sent) {
        (sent > killed.get() ? lostAfterKill : broken).merge(client, 1, Integer::sum);
    }

    private int check(int run, String jdbcUrl, int beforeKill) throws Exception {
        int findings = 0;
        for (Map.Entry<String, Integer> refusal : refusals.entrySet()) {
            findings += refusal.getValue();
            System.out.println("run " + run + ": answered " + refusal.getValue() + " x " + refusal.getKey());
        }
        for (Map.Entry<Integer, Integer> client : lostAfterKill.entrySet()) {
            findings += client.getValue();
            System.out.println("run " + run + ": client " + client.getKey() + " lost " + client.getValue()
                    + " calls sent after the killed node had ended");
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             PreparedStatement count = connection.prepareStatement(
                     "select count(*) from appointment where title = ?")) {
            for (String title : acknowledged.keySet()) {
                count.setString(1, title);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) != 1) {
                        findings++;
                        System.out.println("run " + run + ": acknowledged create '" + title + "' exists "
                                + rows.getLong(1) + " times");
                    }
                }
            }
        }
        System.out.printf("run %d: %d creates acknowledged (%d before the kill); calls sent before the killed node"
                        + " had ended, lost and retried: %d; other answers than 200: %s; %d findings%n", run,
                acknowledged.size(), beforeKill, broken.values().stream().mapToInt(Integer::intValue).sum(), refusals,
                findings);
        return findings;
    }
}
