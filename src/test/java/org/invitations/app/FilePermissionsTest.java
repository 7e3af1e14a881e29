package org.invitations.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.invitations.support.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data folder, the database files, derby.log and the backups are the service's user's only
 * (folders rwx------, files rw-------) even under a umask that would let everyone read them. POSIX
 * file systems only.
 */
class FilePermissionsTest {

    /** What the test harness itself writes into the data folder: the node's output. */
    private static final String HARNESS_LOG = "node.log";

    @TempDir
    Path tmp;

    @Test
    void underUmask000TheDataFolderDatabaseFilesAndABackupAreReadableByTheServiceUserOnly() throws Exception {
        assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path data = Files.createDirectories(tmp.resolve("data"));
        // What a folder created under umask 000 looks like, as an earlier version would have left it.
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path backup;
        try (ServiceProcess node = ServiceProcess.startUnderUmask("000", data, Map.of())) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + node.port() + "/backup"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            ("admin:" + DemoData.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
            backup = Path.of(answer.body().strip());
        }

        assertTrue(backup.startsWith(data), "the backup is in DATA/backups: " + backup);
        assertTrue(Files.isRegularFile(data.resolve("derby.log")), "derby.log is in the data folder");
        List<String> open = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> paths = Files.walk(data)) {
            for (Path path : paths.filter(p -> !p.getFileName().toString().equals(HARNESS_LOG)).toList()) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
                checked++;
                if (permissions.stream().anyMatch(p -> !p.name().startsWith("OWNER_"))) {
                    open.add(data.relativize(path) + " " + PosixFilePermissions.toString(permissions));
                }
            }
        }
        assertEquals(List.of(), open, "no group or other bits on any of " + checked + " files and folders");
        try (Stream<Path> copied = Files.walk(backup)) {
            assertTrue(copied.filter(Files::isRegularFile).count() > 10, "the walk saw the backup's database files");
        }
        assertTrue(Files.readString(data.resolve(HARNESS_LOG)).contains("were readable or writable by other users"),
                "the start says that it closed the folder left open");
    }
}
