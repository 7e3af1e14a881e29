package org.invitations.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {

    @Test
    void defaultsArePort8080AndDerbyInDataFolder() {
        ServerConfig config = ServerConfig.from(new String[0], Map.of());

        assertEquals("0.0.0.0", config.host());
        assertEquals(8080, config.port());
        assertEquals(Path.of("data"), config.dataDir());
        assertTrue(config.embeddedDerby());
        assertTrue(config.effectiveJdbcUrl().endsWith("data/db;create=true"), config.effectiveJdbcUrl());
        assertEquals(600_000, config.passwordIterations());
        assertFalse(config.demo());
        assertFalse(config.tls());
        assertFalse(config.logMessages());
        assertFalse(config.benchNoop());
        assertNull(config.adminPassword());
    }

    @Test
    void optionValuesAfterASpaceOrAnEqualsSign() {
        assertEquals(9000, ServerConfig.from(new String[] {"--port", "9000"}, Map.of()).port());
        assertEquals(9000, ServerConfig.from(new String[] {"--port=9000"}, Map.of()).port());
        assertEquals(Path.of("/tmp/x"), ServerConfig.from(new String[] {"--data", "/tmp/x"}, Map.of()).dataDir());
    }

    @Test
    void everyOptionIsMirroredByItsEnvironmentVariable() {
        ServerConfig config = ServerConfig.from(new String[0], Map.ofEntries(
                Map.entry("INVITATIONS_HOST", "127.0.0.1"),
                Map.entry("INVITATIONS_PORT", "9100"),
                Map.entry("INVITATIONS_DATA", "/tmp/y"),
                Map.entry("INVITATIONS_JDBC_URL", "jdbc:postgresql://db/invitations"),
                Map.entry("INVITATIONS_JDBC_USER", "app"),
                Map.entry("INVITATIONS_JDBC_PASSWORD", "db-secret"),
                Map.entry("INVITATIONS_ADMIN_PASSWORD", "s3cret!!"),
                Map.entry("INVITATIONS_PBKDF2_ITERATIONS", "1000"),
                Map.entry("INVITATIONS_TLS_KEYSTORE", "server.p12"),
                Map.entry("INVITATIONS_TLS_KEYSTORE_PASSWORD", "ks-secret"),
                Map.entry("INVITATIONS_LOG_MESSAGES", "true"),
                Map.entry("INVITATIONS_DEMO", "true")));

        assertEquals("127.0.0.1", config.host());
        assertEquals(9100, config.port());
        assertEquals(Path.of("/tmp/y"), config.dataDir());
        assertEquals("jdbc:postgresql://db/invitations", config.effectiveJdbcUrl());
        assertEquals("app", config.jdbcUser());
        assertEquals("db-secret", config.jdbcPassword());
        assertEquals("s3cret!!", config.adminPassword());
        assertEquals(1000, config.passwordIterations());
        assertEquals(Path.of("server.p12"), config.tlsKeystore());
        assertEquals("ks-secret", config.tlsKeystorePassword());
        assertTrue(config.logMessages());
        assertTrue(config.demo());
    }

    @Test
    void flagsWinOverEnvironment() {
        ServerConfig config = ServerConfig.from(new String[] {"--port=9000", "--data", "/tmp/x", "--demo",
                        "--host=127.0.0.2", "--jdbc-url=jdbc:postgresql://flag/db", "--pbkdf2-iterations", "2000"},
                Map.of("INVITATIONS_PORT", "9100", "INVITATIONS_DATA", "/tmp/y", "INVITATIONS_ADMIN_PASSWORD", "s3cret!!",
                        "INVITATIONS_HOST", "127.0.0.1", "INVITATIONS_JDBC_URL", "jdbc:postgresql://env/db",
                        "INVITATIONS_PBKDF2_ITERATIONS", "1000", "INVITATIONS_DEMO", "false"));

        assertEquals(9000, config.port());
        assertEquals(Path.of("/tmp/x"), config.dataDir());
        assertEquals("127.0.0.2", config.host());
        assertEquals("jdbc:postgresql://flag/db", config.jdbcUrl());
        assertEquals(2000, config.passwordIterations());
        assertTrue(config.demo());
        assertEquals("s3cret!!", config.adminPassword());
    }

    @Test
    void jdbcUrlSelectsAnotherDatabase() {
        ServerConfig config = ServerConfig.from(new String[] {"--jdbc-url=jdbc:postgresql://db/invitations"}, Map.of());

        assertFalse(config.embeddedDerby());
        assertEquals("jdbc:postgresql://db/invitations", config.effectiveJdbcUrl());
    }

    @Test
    void aBadPortIsOneClearLineAndExitCode2() {
        Run run = run(Map.of(), "--port=abc");

        assertEquals(2, run.code);
        assertEquals("Invalid value for option '--port': 'abc' is not a port number (1-65535)\n", run.err);
        assertEquals("", run.out);
        assertEquals(List.of(), run.served, "nothing is started");
        assertEquals("Invalid value for option '--port': '70000' is not a port number (1-65535)\n",
                run(Map.of(), "--port", "70000").err);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.from(new String[] {"--port=abc"}, Map.of()));
        assertEquals("Invalid value for option '--port': 'abc' is not a port number (1-65535)", e.getMessage());
    }

    @Test
    void aBadEnvironmentValueNamesTheVariable() {
        Run run = run(Map.of("INVITATIONS_PORT", "eighty"));

        assertEquals(2, run.code);
        assertEquals("Invalid value for option '--port': 'eighty' is not a port number (1-65535)"
                + " (in INVITATIONS_PORT)\n", run.err);
        assertTrue(run(Map.of("INVITATIONS_LOG_MESSAGES", "yes")).err.contains("INVITATIONS_LOG_MESSAGES"));
        assertTrue(run(Map.of("INVITATIONS_PBKDF2_ITERATIONS", "0")).err.contains("not a positive whole number"));
    }

    @Test
    void unknownFlagIsExplained() {
        Run run = run(Map.of(), "--prot=1");

        assertEquals(2, run.code);
        assertTrue(run.err.startsWith("Unknown option: '--prot=1'"), run.err);
        assertTrue(run.err.contains("--port"), run.err);
        assertEquals(1, run.err.lines().count(), run.err);
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.from(new String[] {"--prot=1"}, Map.of()));
    }

    @Test
    void aKeystoreNeedsItsPasswordFromTheEnvironment() {
        Run run = run(Map.of(), "--tls-keystore=server.p12");

        assertEquals(2, run.code);
        assertEquals("--tls-keystore needs INVITATIONS_TLS_KEYSTORE_PASSWORD\n", run.err);
        assertTrue(ServerConfig.from(new String[] {"--tls-keystore", "server.p12"},
                Map.of("INVITATIONS_TLS_KEYSTORE_PASSWORD", "pw")).tls());
    }

    @Test
    void helpListsEveryOptionWithItsVariableAndExits0() {
        Run run = run(Map.of("INVITATIONS_ADMIN_PASSWORD", "never-shown"), "--help");

        assertEquals(0, run.code);
        assertEquals("", run.err);
        assertEquals(List.of(), run.served);
        for (String text : List.of("--port=N", "--host=HOST", "--data=DIR", "--jdbc-url=URL", "--jdbc-user=USER",
                "--pbkdf2-iterations=N", "--tls-keystore=FILE", "--log-messages", "--log-format", "--demo",
                "--help", "--version", "INVITATIONS_PORT", "INVITATIONS_HOST", "INVITATIONS_DATA",
                "INVITATIONS_JDBC_URL", "INVITATIONS_JDBC_USER", "INVITATIONS_JDBC_PASSWORD",
                "INVITATIONS_ADMIN_PASSWORD", "INVITATIONS_PBKDF2_ITERATIONS", "INVITATIONS_TLS_KEYSTORE",
                "INVITATIONS_TLS_KEYSTORE_PASSWORD", "INVITATIONS_LOG_MESSAGES", "INVITATIONS_LOG_FORMAT",
                "INVITATIONS_DEMO", "--backup-dir=DIR", "--restore-from=DIR", "INVITATIONS_BACKUP_DIR",
                "INVITATIONS_RESTORE_FROM")) {
            assertTrue(run.out.contains(text), text + " in:\n" + run.out);
        }
        assertFalse(run.out.contains("never-shown"), "no secret in the help");
        assertFalse(run.out.contains("--bench-noop"), "the benchmark's option is not for operators");
    }

    @Test
    void backupAndRestoreFoldersComeFromFlagsOrTheEnvironment(@TempDir Path backup) throws Exception {
        aDerbyBackupIn(backup);

        ServerConfig defaults = ServerConfig.from(new String[] {"--data", "/tmp/x"}, Map.of());
        ServerConfig fromEnvironment = ServerConfig.from(new String[0], Map.of("INVITATIONS_BACKUP_DIR",
                "/srv/backups", "INVITATIONS_RESTORE_FROM", backup.toString()));
        ServerConfig fromFlags = ServerConfig.from(new String[] {"--backup-dir=/b", "--restore-from", backup.toString()},
                Map.of("INVITATIONS_BACKUP_DIR", "/srv/backups", "INVITATIONS_RESTORE_FROM", "/nowhere"));

        assertEquals(Path.of("/tmp/x/backups"), defaults.backupDir(), "by default in the data folder");
        assertNull(defaults.restoreFrom());
        assertEquals(Path.of("/srv/backups"), fromEnvironment.backupDir());
        assertEquals(backup, fromEnvironment.restoreFrom());
        assertEquals(Path.of("/b"), fromFlags.backupDir());
        assertEquals(backup, fromFlags.restoreFrom());
        assertEquals(backup.resolve("db"), ServerConfig.from(new String[] {"--restore-from", backup.resolve("db")
                .toString()}, Map.of()).restoreFrom(), "the database folder inside the backup will do too");
        assertEquals(fromFlags.restoreFrom(), fromFlags.toBuilder().build().restoreFrom());
        assertEquals(fromFlags.backupDir(), fromFlags.toBuilder().build().backupDir());
    }

    @Test
    void aRestoreFolderThatIsNotABackupIsOneClearLineAndExitCode2(@TempDir Path folder) throws Exception {
        Run empty = run(Map.of("INVITATIONS_RESTORE_FROM", folder.toString()));

        assertEquals(2, empty.code);
        assertEquals("Cannot restore from " + folder + ": it is not a Derby backup (no service.properties and seg0 in"
                + " it or in its db folder); give a folder that POST /backup answered (in INVITATIONS_RESTORE_FROM)\n",
                empty.err);
        assertEquals(List.of(), empty.served, "nothing is started");
        assertEquals("Cannot restore from " + folder.resolve("missing") + ": no such folder; give a folder that"
                + " POST /backup answered\n", run(Map.of(), "--restore-from", folder.resolve("missing").toString()).err);

        aDerbyBackupIn(folder);
        Run postgres = run(Map.of(), "--restore-from", folder.toString(), "--jdbc-url=jdbc:postgresql://db/x");
        assertEquals(2, postgres.code);
        assertTrue(postgres.err.startsWith("--restore-from restores the embedded Derby database"), postgres.err);
        assertEquals(1, postgres.err.lines().count(), postgres.err);
        Run itself = run(Map.of(), "--data", folder.toString(), "--restore-from", folder.toString());
        assertEquals(2, itself.code);
        assertTrue(itself.err.contains("it is the database to be replaced, not a backup"), itself.err);
    }

    @Test
    void aBackupFolderInsideTheDatabaseIsRefused() {
        Run run = run(Map.of("INVITATIONS_BACKUP_DIR", "/srv/data/db/backups"), "--data=/srv/data");

        assertEquals(2, run.code);
        assertEquals("The backup folder /srv/data/db/backups is inside the database folder /srv/data/db; choose"
                + " another one\n", run.err);
        assertEquals(List.of(), run.served);
        assertEquals(0, run(Map.of(), "--data=/srv/data", "--backup-dir=/srv/data/backups").err.length());
    }

    /** What Derby's backup leaves in a folder, as far as a restore checks before it starts. */
    private static void aDerbyBackupIn(Path folder) throws Exception {
        Files.createDirectories(folder.resolve("db/seg0"));
        Files.writeString(folder.resolve("db/service.properties"), "");
    }

    @Test
    void versionPrintsAndExits0() {
        Run run = run(Map.of(), "--version");

        assertEquals(0, run.code);
        assertTrue(run.out.startsWith("invitations-service "), run.out);
        assertEquals(List.of(), run.served);
    }

    @Test
    void theLogFormatIsCheckedBeforeTheServerStarts() {
        assertEquals(CommandLineOptions.LogFormat.json, run(Map.of("INVITATIONS_LOG_FORMAT", "json"))
                .served.get(0).logFormat());
        assertEquals(CommandLineOptions.LogFormat.plain, run(Map.of("INVITATIONS_LOG_FORMAT", "json"),
                "--log-format", "plain").served.get(0).logFormat());
        Run run = run(Map.of(), "--log-format=xml");
        assertEquals(2, run.code);
        assertTrue(run.err.startsWith("Invalid value for option '--log-format'"), run.err);
    }

    @Test
    void aValidCommandLineIsServedWithItsExitCode() {
        Run run = run(Map.of(), "--port", "9000", "--bench-noop", "--log-messages");

        assertEquals(7, run.code, "what serve returned");
        ServerConfig config = run.served.get(0).config();
        assertEquals(9000, config.port());
        assertTrue(config.benchNoop());
        assertTrue(config.logMessages());
    }

    @Test
    void aConfigurationIsDerivedThroughItsBuilderAndNeverShowsPasswords() {
        ServerConfig base = ServerConfig.builder().port(0).jdbcPassword("db-secret").adminPassword("admin-secret")
                .tls(Path.of("k.p12"), "ks-secret").build();
        ServerConfig derived = base.toBuilder().port(9000).logMessages(true).build();

        assertEquals(0, base.port());
        assertFalse(base.logMessages());
        assertEquals(9000, derived.port());
        assertTrue(derived.logMessages());
        assertEquals("ks-secret", derived.tlsKeystorePassword());
        assertEquals("admin-secret", derived.adminPassword());
        for (String secret : List.of("db-secret", "admin-secret", "ks-secret")) {
            assertFalse(derived.toString().contains(secret), derived.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder().tls(Path.of("k.p12"), null).build());
    }

    private record Run(int code, String out, String err, List<CommandLineOptions.Parsed> served) {
    }

    private static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<CommandLineOptions.Parsed> served = new ArrayList<>();
        int code = CommandLineOptions.run(args, env, new PrintWriter(out), new PrintWriter(err), parsed -> {
            served.add(parsed);
            return 7;
        });
        return new Run(code, out.toString().replace(System.lineSeparator(), "\n"),
                err.toString().replace(System.lineSeparator(), "\n"), served);
    }

    @Test
    void trustedProxiesComeFromTheFlagOrTheEnvironmentAndMustBeAddresses() {
        assertEquals(List.of("10.0.0.5", "fd00::5"), ServerConfig.from(new String[0],
                Map.of("INVITATIONS_TRUSTED_PROXIES", "10.0.0.5,fd00::5")).trustedProxies());
        assertEquals(List.of("10.0.0.6"), ServerConfig.from(new String[] {"--trusted-proxies=10.0.0.6"},
                Map.of("INVITATIONS_TRUSTED_PROXIES", "10.0.0.5")).trustedProxies(), "a flag wins");
        assertEquals(List.of(), ServerConfig.from(new String[0], Map.of()).trustedProxies(), "none by default");

        IllegalArgumentException named = assertThrows(IllegalArgumentException.class, () -> ServerConfig.from(
                new String[] {"--trusted-proxies=balancer.internal"}, Map.of()));
        assertTrue(named.getMessage().contains("'balancer.internal' is not an IP address"), named.getMessage());
    }
}
