package org.invitations.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.invitations.support.Await;
import org.invitations.support.RawSoap;
import org.invitations.support.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator sees: a first start on an empty folder prints one line (the version, the address
 * to call, the database, where the admin password is) and nothing else, no warning and no SLF4J
 * notice; serving a call prints nothing; a stop prints one line.
 */
class StartAndStopLinesTest {

    private static final String SERVICE = "INFO  [main] org.invitations.app.InvitationsServer - ";

    @TempDir
    Path tmp;

    @Test
    void aFirstStartOnAnEmptyFolderPrintsOneLineAndAStopOneMore() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path log = tmp.resolve("node.log");
        int port;
        try (ServiceProcess node = ServiceProcess.startWithoutDemo(data, log, Map.of())) {
            port = node.port();
            // a call with a UsernameToken starts what serving needs (WS-Security's caches among it): its
            // start and its stop print nothing either
            String admin = Files.readString(data.resolve(InvitationsServer.ADMIN_PASSWORD_FILE)).strip();
            assertEquals(200, new RawSoap(node.address()).call("admin", admin, "<inv:ListAssociates/>").status());
        }
        // stopped (SIGTERM); its last output may still be on its way into the log
        Await.until(Duration.ofSeconds(30), () -> Files.readString(log).contains("Invitations service stopped"),
                () -> "no stop line in " + log);
        String version = CommandLineOptions.BuildVersion.version();
        assertTrue(version.matches("\\d+\\.\\d+\\.\\d+.*"), version);
        String address = "http://127.0.0.1:" + port + ServerConfig.PATH;
        Path password = data.resolve(InvitationsServer.ADMIN_PASSWORD_FILE).toAbsolutePath();
        assertEquals(List.of(
                SERVICE + "Invitations service listening on " + address + " (WSDL: " + address
                        + "?wsdl), version " + version + "; database " + data.resolve("db").toAbsolutePath() + " (embedded Derby); admin"
                        + " password generated in " + password + " (readable by this user only; delete it once"
                        + " kept elsewhere)",
                "INFO  [shutdown] org.invitations.app.InvitationsServer - Invitations service stopped"),
                withoutTimestamps(log));
        String all = Files.readString(log);
        assertFalse(all.contains("WARN") || all.contains("SLF4J"), all);
        assertTrue(Files.readString(password).strip().length() >= 20, "the generated password is in the file");
    }

    @Test
    void everyInterfaceIsShownAsThisMachinesNameOrLoopback() {
        String shown = InvitationsServer.addressHost("0.0.0.0");
        assertNotEquals("0.0.0.0", shown);
        assertFalse(shown.isBlank());
        assertNotEquals("[::]", InvitationsServer.addressHost("::"));
        assertEquals("127.0.0.1", InvitationsServer.addressHost("127.0.0.1"));
        assertEquals("[::1]", InvitationsServer.addressHost("::1"));
        assertEquals("invitations.example.org", InvitationsServer.addressHost("invitations.example.org"));
    }

    /** The node's lines without their leading timestamp. */
    private static List<String> withoutTimestamps(Path log) throws Exception {
        return Files.readAllLines(log).stream().map(line -> line.replaceFirst("^\\S+ ", "")).toList();
    }
}
