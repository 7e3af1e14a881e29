package org.invitations.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.invitations.app.DemoData;
import org.invitations.app.Main;
import org.invitations.app.ServerConfig;
import org.invitations.support.Postgres;
import org.invitations.support.RawSoap;
import org.invitations.support.TestServer;

/**
 * The crash test, a command of its own: {@code mvn -q -DskipTests test-compile exec:exec@crash
 * [-Dcrash.args="--postgres --runs=3"]}. Starts the real server (its own JVM, the real start command),
 * lets 8 clients create meetings and answer them as fast as they can, kills the server with SIGKILL in
 * the middle, restarts it on the same data, and checks: every create whose answer a client received
 * is there with all its participant records; no appointment has some records and not others; no record
 * points to nothing; the audit log has an entry for every acknowledged change. Exits 1 on any finding.
 *
 * <p>With {@code --replies}, the crash run of the mailbox reader instead: see {@link ReplyCrashRun}.
 */
public final class CrashRun {

    private static final int CLIENTS = 8;
    /** Acknowledged creates before the kill; the kill lands while the clients keep writing. */
    private static final int CREATES_BEFORE_KILL = 120;

    public static void main(String[] args) throws Exception {
        boolean postgres = List.of(args).contains("--postgres");
        boolean replies = List.of(args).contains("--replies");
        int runs = List.of(args).stream().filter(a -> a.startsWith("--runs=")).findFirst()
                .map(a -> Integer.parseInt(a.substring(7))).orElse(replies ? 2 : 3);
        int findings = 0;
        for (int run = 1; run <= runs; run++) {
            findings += replies ? new ReplyCrashRun(run, postgres).run() : new CrashRun().run(run, postgres);
        }
        System.out.println((replies ? "reply crash runs" : "crash runs") + " on " + (postgres ? "PostgreSQL"
                : "Derby") + ": " + runs + ", findings: " + findings);
        System.exit(findings == 0 ? 0 : 1);
    }

    private record Created(long appointmentId, List<Long> recordIds) {
    }

    private int run(int run, boolean postgres) throws Exception {
        Path data = Files.createTempDirectory("crash-" + run);
        String jdbcUrl = postgres ? Postgres.freshDatabase() : null;
        Map<Long, Created> creates = new ConcurrentHashMap<>();
        Set<Long> accepts = ConcurrentHashMap.newKeySet();
        Node node = Node.start(data, jdbcUrl);
        String bobId = new RawSoap(node.address()).call("alice", DemoData.ALICE_PASSWORD, "<inv:ListAssociates/>")
                .xpath("//inv:associate[inv:username='bob']/inv:associateId");
        String carolId = new RawSoap(node.address()).call("alice", DemoData.ALICE_PASSWORD, "<inv:ListAssociates/>")
                .xpath("//inv:associate[inv:username='carol']/inv:associateId");
        CountDownLatch enough = new CountDownLatch(CREATES_BEFORE_KILL);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.submit(() -> write(node.address(), client, bobId, carolId, creates, accepts, enough));
        }
        enough.await(120, TimeUnit.SECONDS);
        node.kill();
        clients.shutdown();
        clients.awaitTermination(60, TimeUnit.SECONDS);
        long acknowledged = creates.size();

        Node again = Node.start(data, jdbcUrl);
        int findings = 0;
        RawSoap soap = new RawSoap(again.address());
        for (Created created : creates.values()) {
            RawSoap.Reply view = soap.call("alice", DemoData.ALICE_PASSWORD, "<inv:GetAppointmentParticipants>"
                    + "<inv:appointmentId>" + created.appointmentId() + "</inv:appointmentId>"
                    + "</inv:GetAppointmentParticipants>");
            for (long recordId : created.recordIds()) {
                if (view.xpath("//inv:participant/inv:recordId[.='" + recordId + "']").isEmpty()) {
                    findings++;
                    System.out.println("run " + run + ": acknowledged create " + created.appointmentId()
                            + " lacks record " + recordId);
                }
            }
        }
        List<String> audit = auditDetails(soap);
        for (Created created : creates.values()) {
            if (!audit.contains("CreateInvitation appointment " + created.appointmentId())) {
                findings++;
                System.out.println("run " + run + ": no audit entry for create " + created.appointmentId());
            }
        }
        for (long record : accepts) {
            if (!audit.contains("AcceptInvitation record " + record)) {
                findings++;
                System.out.println("run " + run + ": no audit entry for accept of record " + record);
            }
        }
        again.stop();
        findings += checkTables(run, data, jdbcUrl);
        System.out.printf("run %d (%s): %d creates and %d accepts acknowledged before the kill; %d findings%n", run,
                postgres ? "PostgreSQL" : "Derby", acknowledged, accepts.size(), findings);
        return findings;
    }

    /** Creates meetings (alice: bob and carol) and has bob accept each, until the server is gone. */
    private static void write(String address, int client, String bobId, String carolId, Map<Long, Created> creates,
                              Set<Long> accepts, CountDownLatch enough) {
        RawSoap soap = new RawSoap(address);
        for (int i = 0; ; i++) {
            try {
                RawSoap.Reply created = soap.call("alice", DemoData.ALICE_PASSWORD, """
                        <inv:CreateInvitation><inv:type>MEETING</inv:type><inv:title>Crash %d-%d</inv:title>
                        <inv:start>2032-0%d-1%dT09:00:00Z</inv:start><inv:end>2032-0%d-1%dT10:00:00Z</inv:end>
                        <inv:participants><inv:participant><inv:associateId>%s</inv:associateId></inv:participant>
                        <inv:participant><inv:associateId>%s</inv:associateId></inv:participant></inv:participants>
                        <inv:requestId>%s</inv:requestId></inv:CreateInvitation>""".formatted(client, i, 1 + i % 9,
                        i % 10, 1 + i % 9, i % 10, bobId, carolId, UUID.randomUUID()));
                if (created.status() != 200) {
                    continue;
                }
                long appointment = Long.parseLong(created.xpath("//inv:appointmentId"));
                List<Long> records = new ArrayList<>();
                records.add(Long.parseLong(created.xpath("//inv:participant[1]/inv:recordId")));
                records.add(Long.parseLong(created.xpath("//inv:participant[2]/inv:recordId")));
                creates.put(appointment, new Created(appointment, records));
                enough.countDown();
                RawSoap.Reply accepted = soap.call("bob", DemoData.BOB_PASSWORD, "<inv:AcceptInvitation><inv:recordId>"
                        + records.get(0) + "</inv:recordId></inv:AcceptInvitation>");
                if (accepted.status() == 200) {
                    accepts.add(records.get(0));
                }
            } catch (Exception serverGone) {
                return;
            }
        }
    }

    /** "Operation targetType targetId" of every audit entry, all pages. */
    private static List<String> auditDetails(RawSoap soap) throws Exception {
        List<String> entries = new ArrayList<>();
        String token = null;
        do {
            RawSoap.Reply page = soap.call("admin", DemoData.ADMIN_PASSWORD, "<inv:GetAuditLog><inv:pageSize>500"
                    + "</inv:pageSize>" + (token == null ? "" : "<inv:pageToken>" + token + "</inv:pageToken>")
                    + "</inv:GetAuditLog>");
            int n = Integer.parseInt(page.xpath("count(//inv:entry)"));
            for (int i = 1; i <= n; i++) {
                entries.add(page.xpath("//inv:entry[" + i + "]/inv:operation") + " "
                        + page.xpath("//inv:entry[" + i + "]/inv:targetType") + " "
                        + page.xpath("//inv:entry[" + i + "]/inv:targetId"));
            }
            token = page.xpath("//inv:nextPageToken");
        } while (!token.isEmpty());
        return entries;
    }

    /** Straight from the tables, with the server stopped: no orphan record, no meeting missing a record. */
    private static int checkTables(int run, Path data, String jdbcUrl) throws Exception {
        String url = jdbcUrl != null ? jdbcUrl : "jdbc:derby:" + data.resolve("db").toAbsolutePath();
        int findings = 0;
        try (Connection connection = jdbcUrl != null ? DriverManager.getConnection(url, "postgres", "postgres")
                : DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            try (ResultSet orphans = statement.executeQuery("select count(*) from participant_record r left join"
                    + " appointment a on a.id = r.appointment_id where a.id is null")) {
                orphans.next();
                findings += report(run, orphans.getLong(1), "records pointing to no appointment");
            }
            try (ResultSet partial = statement.executeQuery("select count(*) from appointment a where a.title like"
                    + " 'Crash %' and (select count(*) from participant_record r where r.appointment_id = a.id) <> 3")) {
                partial.next();
                findings += report(run, partial.getLong(1), "meetings without all three records");
            }
        }
        if (jdbcUrl == null) {
            try {
                DriverManager.getConnection(url + ";shutdown=true").close();
            } catch (java.sql.SQLException expected) {
                // Derby reports a clean shutdown as an exception
            }
        }
        return findings;
    }

    private static int report(int run, long count, String what) {
        if (count > 0) {
            System.out.println("run " + run + ": " + count + " " + what);
        }
        return (int) count;
    }

    /** The server in its own JVM, started with the real start command. */
    private record Node(Process process, String address) {

        static Node start(Path data, String jdbcUrl) throws Exception {
            int port = TestServer.freePort();
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "--demo", "--host=127.0.0.1", "--port=" + port, "--data=" + data));
            if (jdbcUrl != null) {
                command.add("--jdbc-url=" + jdbcUrl);
            }
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (jdbcUrl != null) {
                builder.environment().put("INVITATIONS_JDBC_USER", "postgres");
                builder.environment().put("INVITATIONS_JDBC_PASSWORD", "postgres");
            }
            builder.environment().put("INVITATIONS_PBKDF2_ITERATIONS", String.valueOf(TestServer.TEST_ITERATIONS));
            Process process = builder.start();
            CountDownLatch ready = new CountDownLatch(1);
            Thread output = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        if (line.contains("Invitations service listening on")) {
                            ready.countDown();
                        }
                    }
                } catch (IOException ended) {
                    // killed
                }
            }, "node-output");
            output.setDaemon(true);
            output.start();
            if (!ready.await(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("server did not start within 120 s");
            }
            return new Node(process, "http://127.0.0.1:" + port + ServerConfig.PATH);
        }

        /** SIGKILL: no shutdown hook, no graceful stop. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        void stop() throws InterruptedException {
            process.destroy();
            process.waitFor(60, TimeUnit.SECONDS);
        }
    }
}
