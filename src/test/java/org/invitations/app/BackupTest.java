package org.invitations.app;

import static org.invitations.support.Requests.accept;
import static org.invitations.support.Requests.associate;
import static org.invitations.support.Requests.diary;
import static org.invitations.support.Requests.freeSlot;
import static org.invitations.support.Requests.meeting;
import static org.invitations.support.Requests.pending;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.invitations.support.Clients;
import org.invitations.support.Directory;
import org.invitations.support.Postgres;
import org.invitations.support.TestServer;
import org.invitations.ws.generated.DiaryEntry;
import org.invitations.ws.generated.GetInvitations;
import org.invitations.ws.generated.GetInvitationsResponse;
import org.invitations.ws.generated.InvitationItem;
import org.invitations.ws.generated.InvitationsPortType;
import org.invitations.ws.generated.ListAssociates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Online backup by {@code POST /backup} on the real server while SOAP calls write, and restore at start
 * with {@code restoreFrom}, read back through the SOAP endpoint: what was committed when the backup
 * began is there, what was written after it is not, and every meeting is there whole or not at all.
 */
class BackupTest {

    /** When a create was sent and answered, relative to the backup request. */
    private static final int BEFORE = 0;
    private static final int RUNNING = 1;
    private static final int DONE = 2;
    private static final int WRITERS = 3;

    private record Create(String title, int sent, int answered) {
    }

    @TempDir
    Path tmp;

    @Test
    void aBackupTakenWhileCallsWriteIsRestoredIntoAFreshDataFolder() throws Exception {
        Path backups = tmp.resolve("backups");
        OffsetDateTime slot = freeSlot();
        List<Create> creates;
        Path backup;
        try (InvitationsServer server = InvitationsServer.start(TestServer.config(tmp.resolve("first"),
                TestServer.freePort()).toBuilder().backupDir(backups).build())) {
            Directory directory = new Directory(server.address());
            long bobId = directory.idOf("bob");
            InvitationsPortType alice = directory.alice();
            long firstRecord = alice.createInvitation(meeting("before-0", slot, associate(bobId)))
                    .getParticipant().get(0).getRecordId();
            alice.createInvitation(meeting("before-1", slot, associate(bobId)));

            AtomicInteger phase = new AtomicInteger(BEFORE);
            ConcurrentLinkedQueue<Create> answered = new ConcurrentLinkedQueue<>();
            CountDownLatch warmedUp = new CountDownLatch(2 * WRITERS);
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            HttpResponse<String> response;
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    String prefix = "during-" + w + "-";
                    running.add(writers.submit(() -> {
                        InvitationsPortType writer = Clients.as(server.address(), "alice", DemoData.ALICE_PASSWORD);
                        // Until this writer has sent one create after the backup was answered.
                        for (int n = 0; ; n++) {
                            int sent = phase.get();
                            writer.createInvitation(meeting(prefix + n, slot, associate(bobId)));
                            answered.add(new Create(prefix + n, sent, phase.get()));
                            warmedUp.countDown();
                            if (sent == DONE) {
                                return null;
                            }
                        }
                    }));
                }
                assertTrue(warmedUp.await(60, TimeUnit.SECONDS), "the writers are running");
                phase.set(RUNNING);
                response = post(server, "admin", DemoData.ADMIN_PASSWORD);
                phase.set(DONE);
                for (Future<?> writer : running) {
                    writer.get(60, TimeUnit.SECONDS);
                }
            } finally {
                writers.shutdownNow();
            }
            creates = List.copyOf(answered);

            assertEquals(200, response.statusCode(), response.body());
            backup = Path.of(response.body().strip());
            assertEquals(backups.toAbsolutePath(), backup.getParent(), "a timestamped folder in the backup folder");
            assertTrue(Files.isRegularFile(backup.resolve("db/service.properties")), "Derby's copy is in it");
            assertTrue(creates.stream().anyMatch(c -> c.sent() <= RUNNING && c.answered() >= RUNNING),
                    "calls were in flight while the backup was taken: " + creates);

            // Written after the backup: a new meeting, an answer, a new associate.
            alice.createInvitation(meeting("after-0", slot, associate(bobId)));
            directory.bob().acceptInvitation(accept(firstRecord));
            directory.freshAssociate("latecomer");
        }

        try (InvitationsServer restored = InvitationsServer.start(TestServer.config(tmp.resolve("second"),
                TestServer.freePort()).toBuilder().restoreFrom(backup).build())) {
            Directory directory = new Directory(restored.address());
            Set<String> bobs = pendingTitles(directory.bob());
            Set<String> alices = directory.alice().getDiary(diary(null, slot, slot.plusHours(1))).getEntry().stream()
                    .map(DiaryEntry::getTitle).collect(Collectors.toSet());

            assertTrue(bobs.containsAll(List.of("before-0", "before-1")), "before the backup, and before-0 is"
                    + " pending again (accepted after the backup): " + bobs);
            for (Create create : creates) {
                if (create.answered() == BEFORE) {
                    assertTrue(bobs.contains(create.title()), create + " was answered before the backup began");
                }
                if (create.sent() == DONE) {
                    assertFalse(bobs.contains(create.title()), create + " was sent after the backup was answered");
                }
            }
            assertFalse(bobs.contains("after-0"), "written after the backup");
            assertEquals(alices, bobs, "each meeting is restored whole: the owner's record with the invitee's");
            assertTrue(usernames(directory.admin()).containsAll(List.of("admin", "alice", "bob", "carol")));
            assertTrue(usernames(directory.admin()).stream().noneMatch(u -> u.startsWith("latecomer")),
                    "an associate added after the backup is gone");
        }
    }

    @Test
    void aRestoreIntoTheSameDataFolderRollsBackOnceAndLaterStartsKeepTheData() throws Exception {
        Path data = tmp.resolve("data");
        OffsetDateTime slot = freeSlot();
        Path backup;
        try (InvitationsServer server = TestServer.start(data)) {
            Directory directory = new Directory(server.address());
            long bobId = directory.idOf("bob");
            directory.alice().createInvitation(meeting("kept", slot, associate(bobId)));
            HttpResponse<String> response = post(server, "admin", DemoData.ADMIN_PASSWORD);
            assertEquals(200, response.statusCode(), response.body());
            backup = Path.of(response.body().strip());
            assertEquals(data.resolve("backups").toAbsolutePath(), backup.getParent(), "by default in DATA/backups");
            directory.alice().createInvitation(meeting("rolled back", slot, associate(bobId)));
        }
        ServerConfig restoring = TestServer.config(data, TestServer.freePort()).toBuilder()
                .restoreFrom(backup.resolve("db")).build();
        try (InvitationsServer restored = InvitationsServer.start(restoring)) {
            Directory directory = new Directory(restored.address());
            assertEquals(Set.of("kept"), pendingTitles(directory.bob()));
            directory.alice().createInvitation(meeting("after the restore", slot, associate(directory.idOf("bob"))));
        }
        assertTrue(Files.readString(data.resolve(DerbyRestore.MARKER)).startsWith(backup.resolve("db").toString()),
                "the data folder remembers the backup it was restored from");

        // The same option again (say, left in the environment): the database is not restored twice.
        try (InvitationsServer again = InvitationsServer.start(restoring.toBuilder().port(TestServer.freePort())
                .restoreFrom(backup).build())) {
            assertEquals(Set.of("kept", "after the restore"), pendingTitles(new Directory(again.address()).bob()));
        }
    }

    @Test
    void onlyAnAdminTakesABackupAndARefusalWritesNothing() throws Exception {
        Path data = tmp.resolve("data");
        try (InvitationsServer server = TestServer.start(data)) {
            HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    backupUri(server)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> user = post(server, "bob", DemoData.BOB_PASSWORD);
            HttpResponse<String> wrong = post(server, "admin", "not-the-password");
            HttpResponse<String> get = HttpClient.newHttpClient().send(HttpRequest.newBuilder(backupUri(server))
                    .header("Authorization", basic("admin", DemoData.ADMIN_PASSWORD)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(401, anonymous.statusCode());
            assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm="));
            assertTrue(anonymous.body().contains("HTTP Basic"), anonymous.body());
            assertEquals(403, user.statusCode());
            assertEquals("Only an ADMIN associate may take a backup; 'bob' is USER. No backup was taken",
                    user.body().strip());
            assertEquals(401, wrong.statusCode());
            assertTrue(wrong.body().startsWith("Authentication failed"), wrong.body());
            assertEquals(405, get.statusCode());
            assertEquals("POST", get.headers().firstValue("Allow").orElse(""));

            // The throttle applies: five wrong passwords in a row (one above) from this source, then the
            // right one is refused too from here (LoginThrottleEndpointTest: it works from elsewhere).
            for (int i = 0; i < 4; i++) {
                assertEquals(401, post(server, "admin", "not-the-password").statusCode());
            }
            assertEquals(401, post(server, "admin", DemoData.ADMIN_PASSWORD).statusCode(), "paused");
            assertFalse(Files.exists(data.resolve("backups")), "no backup folder was written");
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.managementPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.contains("invitations_backup_last_success_timestamp_seconds 0.0"), metrics);
        }
    }

    @Test
    void aFolderThatIsNotABackupIsRefusedInOneLineAndTheDatabaseIsKept() throws Exception {
        Path data = tmp.resolve("data");
        OffsetDateTime slot = freeSlot();
        try (InvitationsServer server = TestServer.start(data)) {
            Directory directory = new Directory(server.address());
            directory.alice().createInvitation(meeting("kept", slot, associate(directory.idOf("bob"))));
        }
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        // data and data/db are the database that would be replaced: Derby would delete it first.
        for (Path notABackup : List.of(tmp.resolve("missing"), empty, data, data.resolve("db"))) {
            ServerConfig config = TestServer.config(data, TestServer.freePort()).toBuilder().restoreFrom(notABackup)
                    .build();
            IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalArgumentException.class, () -> InvitationsServer.start(config).close());
            assertTrue(refused.getMessage().startsWith("Cannot restore from " + notABackup.toAbsolutePath() + ": "),
                    refused.getMessage());
            assertEquals(1, refused.getMessage().lines().count(), refused.getMessage());
        }
        assertFalse(Files.exists(data.resolve(DerbyRestore.MARKER)), "nothing was restored");
        try (InvitationsServer server = TestServer.start(data)) {
            assertEquals(Set.of("kept"), pendingTitles(new Directory(server.address()).bob()), "the database is kept");
        }
    }

    @Test
    void aFailedBackupIsOneLineAndLeavesNoFolderBehind() throws Exception {
        Path data = tmp.resolve("data");
        // A file where the backup folder should be: the backup cannot even begin.
        Path notAFolder = Files.writeString(Files.createDirectories(tmp).resolve("backups"), "a file");
        try (InvitationsServer server = InvitationsServer.start(TestServer.config(data, TestServer.freePort())
                .toBuilder().backupDir(notAFolder).build())) {
            HttpResponse<String> response = post(server, "admin", DemoData.ADMIN_PASSWORD);

            assertEquals(500, response.statusCode(), response.body());
            assertTrue(response.body().startsWith("Cannot create a backup folder in " + notAFolder.toAbsolutePath()),
                    response.body());
            assertTrue(response.body().strip().endsWith("; nothing was kept"), response.body());
            assertEquals(1, response.body().strip().lines().count(), response.body());
            assertEquals("a file", Files.readString(notAFolder));
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.managementPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.contains("invitations_backups_total{outcome=\"failed\"} 1.0"), metrics);
        }
    }

    @Test
    void onPostgresTheAnswerIsToUsePgDump() throws Exception {
        ServerConfig config = TestServer.config(tmp.resolve("data"), TestServer.freePort()).toBuilder()
                .jdbcUrl(Postgres.freshDatabase()).jdbcUser("postgres").jdbcPassword("postgres").build();
        try (InvitationsServer server = InvitationsServer.start(config)) {
            HttpResponse<String> response = post(server, "admin", DemoData.ADMIN_PASSWORD);

            assertEquals(501, response.statusCode());
            assertTrue(response.body().contains("pg_dump"), response.body());
            assertEquals(1, response.body().strip().lines().count(), response.body());
            assertEquals(403, post(server, "bob", DemoData.BOB_PASSWORD).statusCode(), "credentials come first");
        }
        assertFalse(Files.exists(tmp.resolve("data/backups")));
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> config.toBuilder().restoreFrom(tmp).build());
        assertTrue(refused.getMessage().contains("pg_restore"), refused.getMessage());
    }

    private static URI backupUri(InvitationsServer server) {
        return URI.create("http://127.0.0.1:" + server.port() + "/backup");
    }

    private static HttpResponse<String> post(InvitationsServer server, String username, String password)
            throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(backupUri(server))
                .header("Authorization", basic(username, password)).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Every pending invitation's title, all pages. */
    private static Set<String> pendingTitles(InvitationsPortType invitee) throws Exception {
        Set<String> titles = new HashSet<>();
        GetInvitations request = pending();
        request.setPageSize(500);
        while (true) {
            GetInvitationsResponse page = invitee.getInvitations(request);
            page.getInvitation().stream().map(InvitationItem::getTitle).forEach(titles::add);
            if (page.getNextPageToken() == null) {
                return titles;
            }
            request.setPageToken(page.getNextPageToken());
        }
    }

    private static List<String> usernames(InvitationsPortType admin) throws Exception {
        ListAssociates request = new ListAssociates();
        request.setPageSize(500);
        return admin.listAssociates(request).getAssociate().stream()
                .map(org.invitations.ws.generated.Associate::getUsername).toList();
    }
}
