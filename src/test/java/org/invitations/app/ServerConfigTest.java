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
        assertTrue(config.effectiveJdbcUrl().endsWith("data/db"), config.effectiveJdbcUrl());
        assertEquals(600_000, config.passwordIterations());
        assertFalse(config.demo());
        assertFalse(config.tls());
        assertFalse(config.logMessages());
        assertFalse(config.benchNoop());
        assertNull(config.adminPassword());
        assertNull(config.managementPort(), "no metrics unless asked for");
        assertEquals("127.0.0.1", config.managementHost(), "and then on this machine only");
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

    /**
     * Every option an operator can see, set by its environment variable alone (with the companions it
     * needs), arrives in the configuration; an option added without a line here fails the test.
     */
    @Test
    void everyOptionReachesTheConfigurationFromItsEnvironmentVariable(@TempDir Path backup) throws Exception {
        aDerbyBackupIn(backup);
        Map<String, String> smtp = Map.of("INVITATIONS_SMTP_HOST", "smtp.example.org");
        Map<String, String> sms = Map.of("INVITATIONS_SMS_URL", "https://sms.example.org/send");
        Map<String, String> imap = Map.of("INVITATIONS_IMAP_HOST", "imap.example.org", "INVITATIONS_IMAP_USER",
                "replies", "INVITATIONS_IMAP_PASSWORD", "pw");
        Map<String, EnvironmentCase> cases = Map.ofEntries(
                environmentCase("INVITATIONS_IMAP_HOST", "imap.example.org",
                        Map.of("INVITATIONS_IMAP_USER", "replies", "INVITATIONS_IMAP_PASSWORD", "pw"),
                        p -> p.config().imap() == null ? null : p.config().imap().host(), "imap.example.org"),
                environmentCase("INVITATIONS_IMAP_PORT", "1143", imap, p -> p.config().imap().port(), 1143),
                environmentCase("INVITATIONS_IMAP_SECURITY", "STARTTLS", imap,
                        p -> p.config().imap().security() + " " + p.config().imap().port(), "STARTTLS 143"),
                environmentCaseNeeded("INVITATIONS_IMAP_USER", "answers",
                        Map.of("INVITATIONS_IMAP_HOST", "imap.example.org", "INVITATIONS_IMAP_PASSWORD", "pw"),
                        p -> p.config().imap().username(), "answers", "--imap-host needs --imap-user"),
                environmentCase("INVITATIONS_IMAP_FOLDER", "Replies", imap, p -> p.config().imap().folder(), "Replies"),
                environmentCase("INVITATIONS_IMAP_DONE_FOLDER", "Done", imap, p -> p.config().imap().doneFolder(),
                        "Done"),
                environmentCase("INVITATIONS_IMAP_POLL_SECONDS", "5", imap, p -> p.config().imap().pollSeconds(), 5),
                environmentCase("INVITATIONS_HOST", "127.0.0.9", Map.of(), p -> p.config().host(), "127.0.0.9"),
                environmentCase("INVITATIONS_PORT", "9101", Map.of(), p -> p.config().port(), 9101),
                environmentCase("INVITATIONS_DATA", "/srv/env-data", Map.of(), p -> p.config().dataDir(),
                        Path.of("/srv/env-data")),
                environmentCase("INVITATIONS_BACKUP_DIR", "/srv/env-backups", Map.of(), p -> p.config().backupDir(),
                        Path.of("/srv/env-backups")),
                environmentCase("INVITATIONS_RESTORE_FROM", backup.toString(), Map.of(),
                        p -> p.config().restoreFrom(), backup),
                environmentCase("INVITATIONS_JDBC_URL", "jdbc:postgresql://db/env", Map.of(),
                        p -> p.config().jdbcUrl(), "jdbc:postgresql://db/env"),
                environmentCase("INVITATIONS_JDBC_USER", "env-user", Map.of(), p -> p.config().jdbcUser(), "env-user"),
                environmentCase("INVITATIONS_DB_POOL_SIZE", "12", Map.of(), p -> p.config().dbPoolSize(), 12),
                environmentCase("INVITATIONS_TRUSTED_PROXIES", "10.0.0.5,fd00::5", Map.of(),
                        p -> p.config().trustedProxies(), List.of("10.0.0.5", "fd00::5")),
                environmentCase("INVITATIONS_WEBHOOK_ALLOW", "hooks.corp.example,10.1.0.0/16", Map.of(),
                        p -> p.config().notifications().webhookTargets().toString(), "hooks.corp.example,10.1.0.0/16"),
                environmentCase("INVITATIONS_MAX_CONCURRENT_REQUESTS", "7", Map.of(),
                        p -> p.config().maxConcurrentRequests(), 7),
                environmentCase("INVITATIONS_MAX_CONNECTIONS", "300", Map.of(), p -> p.config().maxConnections(), 300),
                environmentCase("INVITATIONS_PBKDF2_ITERATIONS", "1234", Map.of(),
                        p -> p.config().passwordIterations(), 1234),
                environmentCase("INVITATIONS_TLS_KEYSTORE", "env.p12",
                        Map.of("INVITATIONS_TLS_KEYSTORE_PASSWORD", "pw"), p -> p.config().tlsKeystore(),
                        Path.of("env.p12")),
                environmentCase("INVITATIONS_LOG_MESSAGES", "true", Map.of(), p -> p.config().logMessages(), true),
                environmentCase("INVITATIONS_LOG_FORMAT", "json", Map.of(), p -> p.logFormat(),
                        CommandLineOptions.LogFormat.json),
                environmentCase("INVITATIONS_MANAGEMENT_PORT", "9464", Map.of(), p -> p.config().managementPort(),
                        9464),
                environmentCase("INVITATIONS_MANAGEMENT_HOST", "0.0.0.0", Map.of(),
                        p -> p.config().managementHost(), "0.0.0.0"),
                environmentCase("INVITATIONS_SMTP_HOST", "smtp.example.org", Map.of(),
                        p -> p.config().notifications().smtp() == null ? null
                                : p.config().notifications().smtp().host(), "smtp.example.org"),
                environmentCase("INVITATIONS_SMTP_PORT", "2525", smtp,
                        p -> p.config().notifications().smtp().port(), 2525),
                environmentCase("INVITATIONS_SMTP_STARTTLS", "OFF", smtp,
                        p -> p.config().notifications().smtp().startTls(),
                        org.invitations.notification.SmtpRelay.StartTls.OFF),
                environmentCase("INVITATIONS_SMTP_USER", "mailer",
                        Map.of("INVITATIONS_SMTP_HOST", "smtp.example.org", "INVITATIONS_SMTP_PASSWORD", "pw"),
                        p -> p.config().notifications().smtp().username(), "mailer"),
                environmentCase("INVITATIONS_MAIL_FROM", "desk@example.org", Map.of(),
                        p -> p.config().notifications().mailFrom(), "desk@example.org"),
                environmentCase("INVITATIONS_REPLY_ADDRESS", "replies@example.org", Map.of(),
                        p -> p.config().notifications().replyAddress(), "replies@example.org"),
                environmentCase("INVITATIONS_UID_DOMAIN", "example.org", Map.of(),
                        p -> p.config().notifications().uidDomain(), "example.org"),
                environmentCase("INVITATIONS_SMS_URL", "https://sms.example.org/send", Map.of(),
                        p -> p.config().notifications().sms() == null ? null
                                : p.config().notifications().sms().endpoint().toString(),
                        "https://sms.example.org/send"),
                environmentCase("INVITATIONS_SMS_USER", "texter",
                        Map.of("INVITATIONS_SMS_URL", "https://sms.example.org/send", "INVITATIONS_SMS_PASSWORD", "pw"),
                        p -> p.config().notifications().sms().authorization().toString(),
                        "Basic[user=texter, password=****]"),
                environmentCase("INVITATIONS_SMS_TEMPLATE", "{\"number\":\"${to}\",\"message\":\"${text}\"}", sms,
                        p -> p.config().notifications().sms().bodyTemplate(),
                        "{\"number\":\"${to}\",\"message\":\"${text}\"}"),
                environmentCase("INVITATIONS_SMS_CONTENT_TYPE", "application/x-www-form-urlencoded",
                        Map.of("INVITATIONS_SMS_URL", "https://sms.example.org/send",
                                "INVITATIONS_SMS_TEMPLATE", "to=${to}&text=${text}"),
                        p -> p.config().notifications().sms().contentType(), "application/x-www-form-urlencoded"),
                environmentCase("INVITATIONS_DELIVERY_MAX_AGE", "2h", Map.of(),
                        p -> p.config().notifications().delivery().maxAge(), java.time.Duration.ofHours(2)),
                environmentCase("INVITATIONS_DELIVERY_TIMEOUT", "30s", Map.of(),
                        p -> p.config().notifications().delivery().timeout(), java.time.Duration.ofSeconds(30)),
                environmentCase("INVITATIONS_DEFAULT_TIME_ZONE", "Europe/Oslo", Map.of(),
                        p -> p.config().defaultTimeZone(), java.time.ZoneId.of("Europe/Oslo")),
                environmentCase("INVITATIONS_DEMO", "true", Map.of(), p -> p.config().demo(), true));

        List<String> variables = new ArrayList<>();
        for (picocli.CommandLine.Model.OptionSpec option : CommandLineOptions.spec().options()) {
            if (option.hidden() || option.usageHelp() || option.versionHelp()) {
                continue;
            }
            String variable = option.descriptionKey();
            assertTrue(variable != null && variable.startsWith("INVITATIONS_"),
                    option.longestName() + " names its environment variable in its descriptionKey");
            variables.add(variable);
            EnvironmentCase test = cases.get(variable);
            assertTrue(test != null, variable + " (" + option.longestName() + ") has a case in this test");
            Map<String, String> env = new java.util.HashMap<>(test.companions());
            Run without = run(env);
            env.put(variable, test.value());
            Run with = run(env);

            assertEquals("", with.err(), variable);
            assertEquals(test.expected(), test.read().apply(with.served().get(0)), variable);
            if (test.refusedWithout() != null) {
                assertEquals(2, without.code(), variable + "'s companions alone are refused");
                assertTrue(without.err().contains(test.refusedWithout()), without.err());
                continue;
            }
            assertEquals("", without.err(), variable + "'s companions alone");
            assertFalse(test.expected().equals(test.read().apply(without.served().get(0))),
                    variable + " is not already the default");
        }
        assertEquals(cases.keySet(), java.util.Set.copyOf(variables), "no case for an option that is gone");
    }

    /** @param refusedWithout for an option the companions need: what the start says without it; else null */
    private record EnvironmentCase(String value, Map<String, String> companions,
                                   java.util.function.Function<CommandLineOptions.Parsed, Object> read,
                                   Object expected, String refusedWithout) {
    }

    private static Map.Entry<String, EnvironmentCase> environmentCase(
            String variable, String value, Map<String, String> companions,
            java.util.function.Function<CommandLineOptions.Parsed, Object> read, Object expected) {
        return Map.entry(variable, new EnvironmentCase(value, companions, read, expected, null));
    }

    /** An option without which its companions are refused at start (--imap-user with --imap-host). */
    private static Map.Entry<String, EnvironmentCase> environmentCaseNeeded(
            String variable, String value, Map<String, String> companions,
            java.util.function.Function<CommandLineOptions.Parsed, Object> read, Object expected,
            String refusedWithout) {
        return Map.entry(variable, new EnvironmentCase(value, companions, read, expected, refusedWithout));
    }

    @Test
    void aMailboxHostWithoutAUserIsRefusedAtStartSayingWhatToAdd() {
        Run run = run(Map.of("INVITATIONS_IMAP_PASSWORD", "pw"), "--imap-host=imap.example.org");

        assertEquals(2, run.code());
        assertTrue(run.err().contains("--imap-host needs --imap-user (INVITATIONS_IMAP_USER)"), run.err());
        assertTrue(run.served().isEmpty());
    }

    @Test
    void aMailboxUserWithoutItsPasswordIsRefusedAtStart() {
        Run run = run(Map.of(), "--imap-host=imap.example.org", "--imap-user=replies");

        assertEquals(2, run.code());
        assertTrue(run.err().contains("--imap-user needs its password in INVITATIONS_IMAP_PASSWORD"), run.err());
    }

    @Test
    void anUnknownMailboxSecurityIsRefusedAtStartNamingTheChoices() {
        Run run = run(Map.of("INVITATIONS_IMAP_PASSWORD", "pw"), "--imap-host=imap.example.org",
                "--imap-user=replies", "--imap-security=SSL");

        assertEquals(2, run.code());
        assertTrue(run.err().contains("--imap-security"), run.err());
        assertTrue(run.err().contains("TLS, STARTTLS, NONE"), run.err());
    }

    @Test
    void aPollIntervalOutOfOneToThreeThousandSixHundredSecondsIsRefusedAtStart() {
        for (String seconds : List.of("0", "3601", "-5", "soon")) {
            Run run = run(Map.of("INVITATIONS_IMAP_HOST", "imap.example.org", "INVITATIONS_IMAP_USER", "replies",
                    "INVITATIONS_IMAP_PASSWORD", "pw", "INVITATIONS_IMAP_POLL_SECONDS", seconds));

            assertEquals(2, run.code(), seconds);
            assertTrue(run.err().contains("'" + seconds + "' is not a number of seconds from 1 to 3600"), run.err());
            assertTrue(run.err().contains("(in INVITATIONS_IMAP_POLL_SECONDS)"), run.err());
        }
        assertEquals(3600, run(Map.of("INVITATIONS_IMAP_HOST", "imap.example.org", "INVITATIONS_IMAP_USER", "replies",
                "INVITATIONS_IMAP_PASSWORD", "pw"), "--imap-poll-seconds=3600").served().get(0).config().imap()
                .pollSeconds());
    }

    @Test
    void aMailboxIsReadOverTlsOnPort993UnlessToldOtherwiseAndItsPasswordNeverShows() {
        ServerConfig config = run(Map.of("INVITATIONS_IMAP_PASSWORD", "imap-secret"), "--imap-host=imap.example.org",
                "--imap-user=replies").served().get(0).config();

        assertEquals(org.invitations.reply.MailboxReader.Security.TLS, config.imap().security());
        assertEquals(993, config.imap().port());
        assertEquals("INBOX", config.imap().folder());
        assertEquals("Processed", config.imap().doneFolder());
        assertEquals(30, config.imap().pollSeconds());
        assertEquals("replies@imap.example.org:993/INBOX", config.imap().mailbox());
        assertFalse(config.toString().contains("imap-secret"), config.toString());
        assertNull(ServerConfig.from(new String[0], Map.of()).imap(), "no mailbox is read unless named");
    }

    @Test
    void aReplyAddressThatIsNoPlainAddressIsRefusedAtStart() {
        Run run = run(Map.of("INVITATIONS_REPLY_ADDRESS", "Replies <replies@example.org>"));

        assertEquals(2, run.code());
        assertTrue(run.err().contains("the reply address must be a plain e-mail address"), run.err());
    }

    @Test
    void anSmsTemplateFromTheEnvironmentKeepsItsPlaceholders() {
        Run run = run(Map.of("INVITATIONS_SMS_URL", "https://sms.example.org/send",
                "INVITATIONS_SMS_TEMPLATE", "{\"to\":\"${to}\",\"text\":\"${text}\",\"from\":\"${env:HOME}x\"}"));

        assertEquals(2, run.code());
        assertTrue(run.err().contains("unknown placeholder ${env:HOME} in the SMS body template"),
                "refused as written, not interpolated: " + run.err());
        assertEquals("{\"to\":\"${to}\",\"text\":\"${text}\"}", run(Map.of("INVITATIONS_SMS_URL",
                "https://sms.example.org/send", "INVITATIONS_SMS_TEMPLATE", "{\"to\":\"${to}\",\"text\":\"${text}\"}"))
                .served().get(0).config().notifications().sms().bodyTemplate());
    }

    @Test
    void helpShowsTheSmsTemplatePlaceholdersAsWritten() {
        Run run = run(Map.of(), "--help");

        assertEquals(0, run.code());
        assertTrue(run.out().contains("with ${to} and ${text}"), run.out());
        assertTrue(run.out().contains("Default: {\"to\":\"${to}\",\"text\":\"${text}\"}"), run.out());
        assertFalse(run.out().contains("null"), run.out());
        assertFalse(run.out().contains("%n"), "line breaks are still rendered");
        assertTrue(run.out().contains("Contract-first SOAP service for meeting and task invitations.\nEvery option"),
                run.out());
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
    void theDatabasePoolSizeIs34UnlessAFlagOrItsVariableSaysOtherwise() {
        assertEquals(34, ServerConfig.from(new String[0], Map.of()).dbPoolSize());
        assertEquals(12, ServerConfig.from(new String[0], Map.of("INVITATIONS_DB_POOL_SIZE", "12")).dbPoolSize());
        assertEquals(8, ServerConfig.from(new String[] {"--db-pool-size=8"}, Map.of("INVITATIONS_DB_POOL_SIZE", "12"))
                .dbPoolSize());
        assertTrue(run(Map.of(), "--help").out.contains("INVITATIONS_DB_POOL_SIZE"));
    }

    @Test
    void requestsAtOnceFollowThePoolAndConnectionsAre2000UnlessTheirOptionsSayOtherwise() {
        ServerConfig defaults = ServerConfig.from(new String[] {"--db-pool-size=10"}, Map.of());
        assertEquals(8, defaults.maxConcurrentRequests());
        assertEquals(2000, defaults.maxConnections());

        ServerConfig set = ServerConfig.from(new String[] {"--max-concurrent-requests=64", "--max-connections=50"},
                Map.of("INVITATIONS_MAX_CONCURRENT_REQUESTS", "3", "INVITATIONS_MAX_CONNECTIONS", "9"));
        assertEquals(64, set.maxConcurrentRequests());
        assertEquals(50, set.maxConnections());
        String help = run(Map.of(), "--help").out;
        assertTrue(help.contains("--max-concurrent-requests") && help.contains("INVITATIONS_MAX_CONCURRENT_REQUESTS")
                && help.contains("--max-connections") && help.contains("INVITATIONS_MAX_CONNECTIONS"), help);
        assertTrue(run(Map.of("INVITATIONS_MAX_CONNECTIONS", "0")).err.contains("not a positive whole number"));
    }

    @Test
    void theStartLineShowsTheDatabaseWithoutItsPassword() {
        assertEquals("jdbc:postgresql://db/inv?user=app&password=***&ssl=true", ServerConfig.from(new String[] {
                "--jdbc-url=jdbc:postgresql://db/inv?user=app&password=s3cret&ssl=true"}, Map.of()).databaseDescription());
        assertEquals("jdbc:postgresql://app:***@db/inv", ServerConfig.withoutPassword("jdbc:postgresql://app:s3cret@db/inv"));
        assertEquals("jdbc:postgresql://db:5432/inv", ServerConfig.withoutPassword("jdbc:postgresql://db:5432/inv"));
        ServerConfig derby = ServerConfig.from(new String[] {"--data=/srv/data"}, Map.of());
        assertEquals(Path.of("/srv/data/db") + " (embedded Derby)", derby.databaseDescription());
    }

    @Test
    void aPoolTooSmallForOneCallIsOneClearLine() {
        Run run = run(Map.of("INVITATIONS_DB_POOL_SIZE", "2"));

        assertEquals(2, run.code);
        assertEquals("Invalid value for option '--db-pool-size': '2' is too small: the pool needs at least 3"
                + " connections (one SOAP call at a time, plus 2 for deliveries and health checks)"
                + " (in INVITATIONS_DB_POOL_SIZE)\n", run.err);
        assertTrue(run(Map.of(), "--db-pool-size=many").err.contains("not a positive whole number"));
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder().dbPoolSize(2).build());
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

    @Test
    void webhooksReachPublicAddressesUnlessTheOperatorAllowsHostsOrNetworks() {
        assertEquals("", ServerConfig.from(new String[0], Map.of()).notifications().webhookTargets().toString());
        assertEquals("hooks.corp.example,10.1.0.0/16", ServerConfig.from(new String[0],
                Map.of("INVITATIONS_WEBHOOK_ALLOW", "hooks.corp.example, 10.1.0.0/16")).notifications()
                .webhookTargets().toString());
        assertEquals("localhost", ServerConfig.from(new String[] {"--webhook-allow=localhost"},
                Map.of("INVITATIONS_WEBHOOK_ALLOW", "10.1.0.0/16")).notifications().webhookTargets().toString());

        Run run = run(Map.of("INVITATIONS_WEBHOOK_ALLOW", "hooks.corp.example,10.0.0.0/33"));

        assertEquals(2, run.code);
        assertEquals(List.of(), run.served);
        assertEquals("Invalid value for option '--webhook-allow': '10.0.0.0/33': the prefix length is out of range"
                + " (in INVITATIONS_WEBHOOK_ALLOW)\n", run.err);
        assertTrue(run(Map.of(), "--help").out.contains("INVITATIONS_WEBHOOK_ALLOW"));
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

    @Test
    void newAssociatesAreInUtcUnlessTheDefaultTimeZoneSaysOtherwise() {
        assertEquals(java.time.ZoneOffset.UTC, ServerConfig.from(new String[0], Map.of()).defaultTimeZone());
        assertEquals(java.time.ZoneId.of("America/New_York"), ServerConfig.from(
                new String[] {"--default-time-zone=America/New_York"},
                Map.of("INVITATIONS_DEFAULT_TIME_ZONE", "Europe/Oslo")).defaultTimeZone(), "a flag wins");
        assertTrue(ServerConfig.from(new String[] {"--default-time-zone", "Europe/Oslo"}, Map.of()).toString()
                .contains("defaultTimeZone=Europe/Oslo"));
        assertEquals(java.time.ZoneId.of("Europe/Oslo"), ServerConfig.from(new String[0], Map.of())
                .toBuilder().defaultTimeZone(java.time.ZoneId.of("Europe/Oslo")).build().toBuilder().build()
                .defaultTimeZone(), "kept when a configuration is derived");
    }

    @Test
    void anUnknownDefaultTimeZoneIsOneClearLineNamingTheOptionAndNothingStarts() {
        for (String wrong : List.of("Mars/Olympus_Mons", "+01:00", "W. Europe Standard Time", "CET")) {
            Run run = run(Map.of(), "--default-time-zone=" + wrong);

            assertEquals(2, run.code, wrong);
            assertEquals(List.of(), run.served, "nothing is started");
            assertEquals(1, run.err.lines().count(), run.err);
            assertTrue(run.err.startsWith("Invalid value for option '--default-time-zone': unknown time zone '"
                    + wrong + "': give an IANA id such as Europe/Oslo"), run.err);
        }
        Run fromEnvironment = run(Map.of("INVITATIONS_DEFAULT_TIME_ZONE", "Europe/Olso"));

        assertEquals(2, fromEnvironment.code);
        assertTrue(fromEnvironment.err.contains("'Europe/Olso'"), fromEnvironment.err);
        assertTrue(fromEnvironment.err.endsWith(" (in INVITATIONS_DEFAULT_TIME_ZONE)\n"), fromEnvironment.err);
    }
}
