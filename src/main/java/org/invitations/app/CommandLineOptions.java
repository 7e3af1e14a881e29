package org.invitations.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import org.invitations.notification.NotificationSettings;
import org.invitations.notification.SmsGateway;
import org.invitations.notification.SmtpRelay;
import org.invitations.notification.WebhookTargets;
import org.invitations.reply.MailboxReader;
import org.invitations.security.PasswordHasher;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The command line (picocli). Each option's {@code descriptionKey} is the environment variable that
 * gives its value when the flag is absent; secrets are read from the environment only, so that they
 * never show in the process list. Values and help texts are taken as written: picocli's {@code ${...}}
 * interpolation is off.
 */
@Command(name = "invitations-service", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = CommandLineOptions.BuildVersion.class, usageHelpWidth = 100,
        description = "Contract-first SOAP service for meeting and task invitations.%n"
                + "Every option can also be set by the environment variable named with it; a flag wins.",
        footerHeading = "%nEnvironment only (secrets never go on the command line):%n",
        footer = {
            "  INVITATIONS_JDBC_PASSWORD          the database user's password",
            "  INVITATIONS_ADMIN_PASSWORD         the first admin's password, used only on an empty database;",
            "                                     without it (and without --demo) one is generated and written",
            "                                     to admin-password.txt in the data folder",
            "  INVITATIONS_TLS_KEYSTORE_PASSWORD  the password of --tls-keystore",
            "  INVITATIONS_SMTP_PASSWORD          the password of --smtp-user",
            "  INVITATIONS_SMS_PASSWORD           the password of --sms-user",
            "  INVITATIONS_IMAP_PASSWORD          the password of --imap-user"})
final class CommandLineOptions {

    static final int USAGE_ERROR = 2;

    /** Logback's console format, chosen before the first log line (see logback.xml). */
    enum LogFormat { plain, json }

    @Option(names = "--host", paramLabel = "HOST", descriptionKey = "INVITATIONS_HOST",
            description = "Interface to bind (env INVITATIONS_HOST). Default: 0.0.0.0, every interface.")
    String host = ServerConfig.DEFAULT_HOST;

    @Option(names = "--port", paramLabel = "N", descriptionKey = "INVITATIONS_PORT", converter = PortNumber.class,
            description = "HTTP(S) port (env INVITATIONS_PORT). Default: 8080.")
    int port = ServerConfig.DEFAULT_PORT;

    @Option(names = "--management-port", paramLabel = "N", descriptionKey = "INVITATIONS_MANAGEMENT_PORT",
            converter = PortNumber.class,
            description = "Port of the management listener, the only one that serves GET /metrics (Prometheus);"
                    + " it also serves GET /health (env INVITATIONS_MANAGEMENT_PORT). Default: none, and /metrics"
                    + " is not served. The service's port keeps GET /health for load balancers.")
    Integer managementPort;

    @Option(names = "--management-host", paramLabel = "HOST", descriptionKey = "INVITATIONS_MANAGEMENT_HOST",
            description = "Interface of the management listener; anyone who reaches it reads the metrics"
                    + " (env INVITATIONS_MANAGEMENT_HOST). Default: 127.0.0.1, this machine only.")
    String managementHost = ServerConfig.DEFAULT_MANAGEMENT_HOST;

    @Option(names = "--data", paramLabel = "DIR", descriptionKey = "INVITATIONS_DATA",
            description = "Folder of the embedded Derby database, derby.log and admin-password.txt "
                    + "(env INVITATIONS_DATA). Default: ./data.")
    Path data = ServerConfig.DEFAULT_DATA;

    @Option(names = "--backup-dir", paramLabel = "DIR", descriptionKey = "INVITATIONS_BACKUP_DIR",
            description = "Where POST /backup writes a timestamped copy of the embedded Derby database"
                    + " (env INVITATIONS_BACKUP_DIR). Default: the backups folder in the data folder.")
    Path backupDir;

    @Option(names = "--restore-from", paramLabel = "DIR", descriptionKey = "INVITATIONS_RESTORE_FROM",
            description = "Before starting, replace the embedded Derby database with this backup (a folder"
                    + " POST /backup answered); once: a later start naming the same backup keeps the data"
                    + " (env INVITATIONS_RESTORE_FROM).")
    Path restoreFrom;

    @Option(names = "--jdbc-url", paramLabel = "URL", descriptionKey = "INVITATIONS_JDBC_URL",
            description = "Another database, e.g. jdbc:postgresql://host/invitations (env INVITATIONS_JDBC_URL)."
                    + " Default: embedded Derby in the data folder.")
    String jdbcUrl;

    @Option(names = "--jdbc-user", paramLabel = "USER", descriptionKey = "INVITATIONS_JDBC_USER",
            description = "The database user (env INVITATIONS_JDBC_USER).")
    String jdbcUser;

    @Option(names = "--db-pool-size", paramLabel = "N", descriptionKey = "INVITATIONS_DB_POOL_SIZE",
            converter = PoolSize.class,
            description = "Connections this node keeps open to the database (env INVITATIONS_DB_POOL_SIZE); at most"
                    + " N-2 SOAP calls are served at once, the others wait. With PostgreSQL, every node's N together"
                    + " must stay below max_connections. Default: 34.")
    int dbPoolSize = ServerConfig.DEFAULT_DB_POOL_SIZE;

    @Option(names = "--max-concurrent-requests", paramLabel = "N", descriptionKey = "INVITATIONS_MAX_CONCURRENT_REQUESTS",
            converter = PositiveNumber.class,
            description = "SOAP calls and POST /backup in the service at once; the others wait without a thread, up"
                    + " to 10 s, then get HTTP 503 (env INVITATIONS_MAX_CONCURRENT_REQUESTS). More than --db-pool-size"
                    + " minus 2 makes calls wait for a connection. Default: --db-pool-size minus 2.")
    Integer maxConcurrentRequests;

    @Option(names = "--max-connections", paramLabel = "N", descriptionKey = "INVITATIONS_MAX_CONNECTIONS",
            converter = PositiveNumber.class,
            description = "Open HTTP connections at most; an idle one is closed after 30 s"
                    + " (env INVITATIONS_MAX_CONNECTIONS). Default: 2000.")
    int maxConnections = ServerConfig.DEFAULT_MAX_CONNECTIONS;

    @Option(names = "--pbkdf2-iterations", paramLabel = "N", descriptionKey = "INVITATIONS_PBKDF2_ITERATIONS",
            converter = PositiveNumber.class,
            description = "Cost of new password hashes (env INVITATIONS_PBKDF2_ITERATIONS). Default: 600000.")
    int passwordIterations = PasswordHasher.DEFAULT_ITERATIONS;

    @Option(names = "--tls-keystore", paramLabel = "FILE", descriptionKey = "INVITATIONS_TLS_KEYSTORE",
            description = "HTTPS with this PKCS12 keystore (env INVITATIONS_TLS_KEYSTORE);"
                    + " needs INVITATIONS_TLS_KEYSTORE_PASSWORD. Default: plain HTTP.")
    Path tlsKeystore;

    @Option(names = "--trusted-proxies", paramLabel = "ADDRESS[,ADDRESS...]", split = ",",
            descriptionKey = "INVITATIONS_TRUSTED_PROXIES",
            description = "IP addresses of the load balancers in front of this node: the login throttle takes the"
                    + " client from their X-Forwarded-For (env INVITATIONS_TRUSTED_PROXIES). Default: none, the"
                    + " header is ignored.")
    java.util.List<String> trustedProxies = new java.util.ArrayList<>();

    @Option(names = "--log-messages", descriptionKey = "INVITATIONS_LOG_MESSAGES",
            description = "Log every SOAP message in and out, passwords masked (env INVITATIONS_LOG_MESSAGES=true).")
    boolean logMessages;

    @Option(names = "--log-format", paramLabel = "plain|json", descriptionKey = "INVITATIONS_LOG_FORMAT",
            description = "One line of text per log event, or one JSON object (env INVITATIONS_LOG_FORMAT)."
                    + " Default: plain.")
    LogFormat logFormat = LogFormat.plain;

    @Option(names = "--smtp-host", paramLabel = "HOST", descriptionKey = "INVITATIONS_SMTP_HOST",
            description = "SMTP relay the service sends meeting confirmations through (env INVITATIONS_SMTP_HOST);"
                    + " password in INVITATIONS_SMTP_PASSWORD. Default: none; the owner's client reads them"
                    + " with GetConfirmationMessages and sends them.")
    String smtpHost;

    @Option(names = "--smtp-port", paramLabel = "N", descriptionKey = "INVITATIONS_SMTP_PORT", converter = PortNumber.class,
            description = "SMTP relay port (env INVITATIONS_SMTP_PORT). Default: 587.")
    int smtpPort = 587;

    @Option(names = "--smtp-starttls", paramLabel = "REQUIRED|IF_OFFERED|OFF", descriptionKey = "INVITATIONS_SMTP_STARTTLS",
            description = "STARTTLS on the relay (env INVITATIONS_SMTP_STARTTLS). Default: REQUIRED.")
    SmtpRelay.StartTls smtpStartTls = SmtpRelay.StartTls.REQUIRED;

    @Option(names = "--smtp-user", paramLabel = "USER", descriptionKey = "INVITATIONS_SMTP_USER",
            description = "SMTP user (env INVITATIONS_SMTP_USER). Default: no authentication.")
    String smtpUser;

    @Option(names = "--mail-from", paramLabel = "ADDRESS", descriptionKey = "INVITATIONS_MAIL_FROM",
            description = "From address of confirmations (env INVITATIONS_MAIL_FROM). Default: invitations@localhost.")
    String mailFrom = NotificationSettings.DEFAULT.mailFrom();

    @Option(names = "--reply-address", paramLabel = "ADDRESS", descriptionKey = "INVITATIONS_REPLY_ADDRESS",
            description = "Where persons' answers go: the Reply-To of confirmations, e.g. the mailbox a mail gateway"
                    + " reads and hands to ProcessCalendarReply (env INVITATIONS_REPLY_ADDRESS)."
                    + " Default: the owner's address.")
    String replyAddress;

    @Option(names = "--uid-domain", paramLabel = "DOMAIN", descriptionKey = "INVITATIONS_UID_DOMAIN",
            description = "Domain of each appointment's iCalendar UID; keep it stable (env INVITATIONS_UID_DOMAIN)."
                    + " Default: invitations.local.")
    String uidDomain = NotificationSettings.DEFAULT.uidDomain();

    @Option(names = "--imap-host", paramLabel = "HOST", descriptionKey = "INVITATIONS_IMAP_HOST",
            description = "IMAP server of the mailbox persons' calendar replies arrive in; the service reads it and"
                    + " takes each message in once (env INVITATIONS_IMAP_HOST). Needs --imap-user. Default: none,"
                    + " no mailbox is read.")
    String imapHost;

    @Option(names = "--imap-port", paramLabel = "N", descriptionKey = "INVITATIONS_IMAP_PORT",
            converter = PortNumber.class,
            description = "IMAP port (env INVITATIONS_IMAP_PORT). Default: 993 with TLS, 143 with STARTTLS or NONE.")
    Integer imapPort;

    @Option(names = "--imap-security", paramLabel = "TLS|STARTTLS|NONE", descriptionKey = "INVITATIONS_IMAP_SECURITY",
            description = "IMAP over TLS (imaps), plain IMAP upgraded with STARTTLS, or plain text for a server on"
                    + " this machine (env INVITATIONS_IMAP_SECURITY). Default: TLS.")
    MailboxReader.Security imapSecurity = MailboxReader.Security.TLS;

    @Option(names = "--imap-user", paramLabel = "USER", descriptionKey = "INVITATIONS_IMAP_USER",
            description = "The mailbox's user (env INVITATIONS_IMAP_USER); password in INVITATIONS_IMAP_PASSWORD.")
    String imapUser;

    @Option(names = "--imap-folder", paramLabel = "NAME", descriptionKey = "INVITATIONS_IMAP_FOLDER",
            description = "The folder replies arrive in (env INVITATIONS_IMAP_FOLDER). Default: INBOX.")
    String imapFolder = MailboxReader.Settings.DEFAULT_FOLDER;

    @Option(names = "--imap-done-folder", paramLabel = "NAME", descriptionKey = "INVITATIONS_IMAP_DONE_FOLDER",
            description = "Where each message goes, flagged seen, once taken in (applied, unchanged or refused);"
                    + " created if missing (env INVITATIONS_IMAP_DONE_FOLDER). Default: Processed.")
    String imapDoneFolder = MailboxReader.Settings.DEFAULT_DONE_FOLDER;

    @Option(names = "--imap-poll-seconds", paramLabel = "N", descriptionKey = "INVITATIONS_IMAP_POLL_SECONDS",
            converter = PollSeconds.class,
            description = "How often the mailbox is read, 1-3600 (env INVITATIONS_IMAP_POLL_SECONDS). Default: 30.")
    int imapPollSeconds = MailboxReader.Settings.DEFAULT_POLL_SECONDS;

    @Option(names = "--sms-url", paramLabel = "URL", descriptionKey = "INVITATIONS_SMS_URL",
            description = "HTTP SMS gateway that sendSms posts to (env INVITATIONS_SMS_URL); password in"
                    + " INVITATIONS_SMS_PASSWORD. Default: none, and sendSms is refused.")
    java.net.URI smsUrl;

    @Option(names = "--sms-user", paramLabel = "USER", descriptionKey = "INVITATIONS_SMS_USER",
            description = "HTTP Basic user of the SMS gateway (env INVITATIONS_SMS_USER).")
    String smsUser;

    @Option(names = "--sms-template", paramLabel = "TEXT", descriptionKey = "INVITATIONS_SMS_TEMPLATE",
            description = "Body posted to the gateway, with ${to} and ${text} (env INVITATIONS_SMS_TEMPLATE)."
                    + " Default: {\"to\":\"${to}\",\"text\":\"${text}\"}.")
    String smsTemplate = "{\"to\":\"${to}\",\"text\":\"${text}\"}";

    @Option(names = "--sms-content-type", paramLabel = "TYPE", descriptionKey = "INVITATIONS_SMS_CONTENT_TYPE",
            description = "Content type of that body: application/json or application/x-www-form-urlencoded"
                    + " (env INVITATIONS_SMS_CONTENT_TYPE). Default: application/json.")
    String smsContentType = "application/json";

    @Option(names = "--delivery-max-age", paramLabel = "DURATION", descriptionKey = "INVITATIONS_DELIVERY_MAX_AGE",
            converter = DurationValue.class,
            description = "Events, e-mails and SMS are retried until this old, then marked dead"
                    + " (env INVITATIONS_DELIVERY_MAX_AGE; e.g. 24h, 30m, PT2H). Default: 24h.")
    java.time.Duration deliveryMaxAge = NotificationSettings.Delivery.DEFAULT.maxAge();

    @Option(names = "--delivery-timeout", paramLabel = "DURATION", descriptionKey = "INVITATIONS_DELIVERY_TIMEOUT",
            converter = DurationValue.class,
            description = "How long one try of a webhook call, e-mail or SMS may take; a node that dies while"
                    + " delivering is taken over after three times this plus 5 s (env INVITATIONS_DELIVERY_TIMEOUT)."
                    + " Default: 10s.")
    java.time.Duration deliveryTimeout = NotificationSettings.Delivery.DEFAULT.timeout();

    @Option(names = "--webhook-allow", paramLabel = "LIST", descriptionKey = "INVITATIONS_WEBHOOK_ALLOW",
            converter = WebhookAllowList.class,
            description = "Host names, IP addresses and CIDR networks that webhooks may reach besides public"
                    + " addresses, comma-separated, e.g. hooks.corp.example,10.1.0.0/16 (env INVITATIONS_WEBHOOK_ALLOW)."
                    + " Default: none; loopback, private, link-local, unique-local and multicast addresses"
                    + " are refused at registration and at each delivery.")
    WebhookTargets webhookAllow = WebhookTargets.PUBLIC_ONLY;

    @Option(names = "--default-time-zone", paramLabel = "ZONE", descriptionKey = "INVITATIONS_DEFAULT_TIME_ZONE",
            converter = TimeZoneValue.class,
            description = "IANA time zone of new associates that are not given one, e.g. Europe/Oslo; their"
                    + " appointments are written in it (env INVITATIONS_DEFAULT_TIME_ZONE). Default: UTC.")
    java.time.ZoneId defaultTimeZone = java.time.ZoneOffset.UTC;

    @Option(names = "--demo", descriptionKey = "INVITATIONS_DEMO",
            description = "Seed the demo directory (once), with known passwords (env INVITATIONS_DEMO=true).")
    boolean demo;

    /** The benchmark's no-op endpoint; not for operators. */
    @Option(names = "--bench-noop", hidden = true)
    boolean benchNoop;

    /**
     * Parses {@code args}, prints help, the version or a one-line error to {@code out}/{@code err},
     * and otherwise hands the configuration to {@code serve}.
     *
     * @return the exit code: 0 after help or version, {@value #USAGE_ERROR} for a bad command line,
     *         otherwise what {@code serve} returns
     */
    static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err,
                   ToIntFunction<Parsed> serve) {
        CommandLine cli = commandLine(env).setOut(out).setErr(err);
        Parsed parsed;
        try {
            cli.parseArgs(args);
            if (cli.isUsageHelpRequested()) {
                cli.usage(out);
                out.flush();
                return 0;
            }
            if (cli.isVersionHelpRequested()) {
                cli.printVersionHelp(out);
                out.flush();
                return 0;
            }
            CommandLineOptions options = cli.getCommand();
            parsed = new Parsed(options.toConfig(cli, env), options.logFormat);
        } catch (ParameterException e) {
            err.println(message(e, args));
            err.flush();
            return USAGE_ERROR;
        }
        return serve.applyAsInt(parsed);
    }

    /** What a command line asks to run with: the service's configuration, and the log format for Main. */
    record Parsed(ServerConfig config, LogFormat logFormat) {
    }

    /** See {@link ServerConfig#from(String[], Map)}. */
    static ServerConfig parse(String[] args, Map<String, String> env) {
        CommandLine cli = commandLine(env);
        try {
            cli.parseArgs(args);
            if (cli.isUsageHelpRequested() || cli.isVersionHelpRequested()) {
                throw new IllegalArgumentException("--help and --version print text, not a configuration");
            }
            return cli.<CommandLineOptions>getCommand().toConfig(cli, env);
        } catch (ParameterException e) {
            throw new IllegalArgumentException(message(e, args), e);
        }
    }

    /** The options as picocli sees them (tests walk them). */
    static CommandLine.Model.CommandSpec spec() {
        return commandLine(Map.of()).getCommandSpec();
    }

    private static CommandLine commandLine(Map<String, String> env) {
        CommandLine cli = new CommandLine(new CommandLineOptions());
        // No ${...} expansion in values or help: the SMS template's ${to} and ${text} are the template's own,
        // and a value such as ${env:HOME} must be refused as written, not filled in from the process.
        cli.setInterpolateVariables(false);
        // The environment is consulted for every option the command line leaves out.
        cli.setDefaultValueProvider(spec -> {
            String variable = environmentVariable(spec);
            return variable == null ? null : env.get(variable);
        });
        return cli;
    }

    /** The environment variable named in an option's {@code descriptionKey}, or null. */
    private static String environmentVariable(ArgSpec spec) {
        String key = spec.descriptionKey();
        return spec.isOption() && key != null && key.startsWith("INVITATIONS_") ? key : null;
    }

    private ServerConfig toConfig(CommandLine cli, Map<String, String> env) {
        String keystorePassword = env.get("INVITATIONS_TLS_KEYSTORE_PASSWORD");
        if (tlsKeystore != null && keystorePassword == null) {
            throw new ParameterException(cli, "--tls-keystore needs INVITATIONS_TLS_KEYSTORE_PASSWORD");
        }
        if (restoreFrom != null) {
            // Refused here, before anything starts: a wrong folder must never cost the current database.
            ArgSpec option = cli.getCommandSpec().findOption("--restore-from");
            if (jdbcUrl != null) {
                throw new ParameterException(cli, ServerConfig.RESTORE_NEEDS_DERBY, option, restoreFrom.toString());
            }
            try {
                BackupFolder.database(restoreFrom, data.resolve(BackupFolder.DATABASE));
            } catch (IllegalArgumentException notABackup) {
                throw new ParameterException(cli, notABackup.getMessage(), option, restoreFrom.toString());
            }
        }
        ServerConfig.Builder config = ServerConfig.builder()
                .host(host)
                .port(port)
                .dataDir(data)
                .jdbcUrl(jdbcUrl)
                .jdbcUser(jdbcUser)
                .jdbcPassword(env.get("INVITATIONS_JDBC_PASSWORD"))
                .dbPoolSize(dbPoolSize)
                .demo(demo)
                .adminPassword(env.get("INVITATIONS_ADMIN_PASSWORD"))
                .passwordIterations(passwordIterations)
                .benchNoop(benchNoop)
                .tls(tlsKeystore, tlsKeystore == null ? null : keystorePassword)
                .logMessages(logMessages)
                .backupDir(backupDir)
                .restoreFrom(restoreFrom)
                .management(managementHost, managementPort)
                .trustedProxies(trustedProxies)
                .maxConcurrentRequests(maxConcurrentRequests)
                .maxConnections(maxConnections)
                .defaultTimeZone(defaultTimeZone);
        try {
            return config.notifications(notificationSettings(env)).imap(imapSettings(env)).build();
        } catch (IllegalArgumentException inconsistent) {
            throw new ParameterException(cli, inconsistent.getMessage());
        }
    }

    private NotificationSettings notificationSettings(Map<String, String> env) {
        NotificationSettings.Delivery defaults = NotificationSettings.Delivery.DEFAULT;
        NotificationSettings settings = NotificationSettings.DEFAULT.withMail(mailFrom, uidDomain)
                .withReplyAddress(replyAddress)
                .withDelivery(new NotificationSettings.Delivery(defaults.poll(), defaults.firstRetry(),
                        defaults.maxRetry(), deliveryMaxAge, deliveryTimeout, defaults.threads()))
                .withWebhookTargets(webhookAllow);
        if (smtpHost != null) {
            SmtpRelay.Settings relay = SmtpRelay.Settings.relay(smtpHost, smtpPort).withStartTls(smtpStartTls);
            settings = settings.withSmtp(smtpUser == null ? relay
                    : relay.withLogin(smtpUser, env.get("INVITATIONS_SMTP_PASSWORD")));
        }
        if (smsUrl != null) {
            settings = settings.withSms(SmsGateway.Settings.post(smsUrl, smsContentType, smsTemplate)
                    .withAuthorization(smsUser == null ? SmsGateway.Authorization.none()
                            : SmsGateway.Authorization.basic(smsUser, env.get("INVITATIONS_SMS_PASSWORD"))));
        }
        return settings;
    }

    /** The mailbox to read, when --imap-host names one; its Settings refuse what does not go together. */
    private MailboxReader.Settings imapSettings(Map<String, String> env) {
        if (imapHost == null) {
            return null;
        }
        return new MailboxReader.Settings(imapHost,
                imapPort != null ? imapPort : MailboxReader.Settings.defaultPort(imapSecurity), imapSecurity,
                imapUser, env.get("INVITATIONS_IMAP_PASSWORD"), imapFolder, imapDoneFolder, imapPollSeconds,
                MailboxReader.Settings.DEFAULT_TIMEOUT);
    }

    /** 1-3600 seconds, with a message that says so. */
    static final class PollSeconds implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int seconds = Integer.parseInt(value.trim());
                if (seconds >= 1 && seconds <= MailboxReader.Settings.MAX_POLL_SECONDS) {
                    return seconds;
                }
            } catch (NumberFormatException notANumber) {
                // reported below
            }
            throw new TypeConversionException("'" + value + "' is not a number of seconds from 1 to "
                    + MailboxReader.Settings.MAX_POLL_SECONDS);
        }
    }

    /** A duration as 24h, 30m, 45s or ISO-8601 (PT2H); a clear message for anything else. */
    static final class DurationValue implements CommandLine.ITypeConverter<java.time.Duration> {
        @Override
        public java.time.Duration convert(String value) {
            try {
                if (value.matches("\\d+[hms]")) {
                    long n = Long.parseLong(value.substring(0, value.length() - 1));
                    return switch (value.charAt(value.length() - 1)) {
                        case 'h' -> java.time.Duration.ofHours(n);
                        case 'm' -> java.time.Duration.ofMinutes(n);
                        default -> java.time.Duration.ofSeconds(n);
                    };
                }
                java.time.Duration duration = java.time.Duration.parse(value);
                if (duration.isNegative() || duration.isZero()) {
                    throw new TypeConversionException("'" + value + "' is not a positive duration");
                }
                return duration;
            } catch (java.time.format.DateTimeParseException | NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a duration; write e.g. 24h, 30m or PT2H");
            }
        }
    }

    /** An IANA zone id as the contract takes them (see {@link org.invitations.shared.TimeZones}). */
    static final class TimeZoneValue implements CommandLine.ITypeConverter<java.time.ZoneId> {
        @Override
        public java.time.ZoneId convert(String value) {
            try {
                return org.invitations.shared.TimeZones.parse("--default-time-zone", value);
            } catch (org.invitations.shared.InvalidRequest unknown) {
                throw new TypeConversionException(unknown.getMessage());
            }
        }
    }

    /** --webhook-allow's list; the message names the entry that is wrong. */
    static final class WebhookAllowList implements CommandLine.ITypeConverter<WebhookTargets> {
        @Override
        public WebhookTargets convert(String value) {
            try {
                return WebhookTargets.allowing(value);
            } catch (IllegalArgumentException wrong) {
                throw new TypeConversionException(wrong.getMessage());
            }
        }
    }

    /** One line: picocli's message, and where the value came from when not from the command line. */
    private static String message(ParameterException e, String[] args) {
        StringBuilder message = new StringBuilder(e.getMessage());
        if (e.getArgSpec() instanceof OptionSpec option && environmentVariable(option) != null
                && Arrays.stream(args).noneMatch(arg -> arg.equals(option.longestName())
                        || arg.startsWith(option.longestName() + "="))) {
            message.append(" (in ").append(environmentVariable(option)).append(')');
        }
        if (e instanceof UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                message.append("; did you mean ").append(String.join(" or ", suggestions)).append('?');
            } else {
                message.append("; the options are ").append(unmatched.getCommandLine().getCommandSpec().options()
                        .stream().filter(option -> !option.hidden()).map(OptionSpec::longestName)
                        .collect(Collectors.joining(", "))).append('.');
            }
        }
        return message.toString();
    }

    /** 1-65535, with a message that says so. */
    static final class PortNumber implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int port = Integer.parseInt(value.trim());
                if (port >= 1 && port <= 65_535) {
                    return port;
                }
            } catch (NumberFormatException notANumber) {
                // reported below
            }
            throw new TypeConversionException("'" + value + "' is not a port number (1-65535)");
        }
    }

    static final class PositiveNumber implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int number = Integer.parseInt(value.trim());
                if (number > 0) {
                    return number;
                }
            } catch (NumberFormatException notANumber) {
                // reported below
            }
            throw new TypeConversionException("'" + value + "' is not a positive whole number");
        }
    }

    /** A database pool size: at least {@value ServerConfig#MIN_DB_POOL_SIZE}, with a message that says why. */
    static final class PoolSize implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int size = new PositiveNumber().convert(value);
            if (size < ServerConfig.MIN_DB_POOL_SIZE) {
                throw new TypeConversionException("'" + value + "' is too small: the pool needs at least "
                        + ServerConfig.MIN_DB_POOL_SIZE + " connections (one SOAP call at a time, plus 2 for"
                        + " deliveries and health checks)");
            }
            return size;
        }
    }

    /** The Maven project version, written into {@code version.properties} by the build. */
    static final class BuildVersion implements CommandLine.IVersionProvider {

        static String version() {
            java.util.Properties properties = new java.util.Properties();
            try (java.io.InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (java.io.IOException unreadable) {
                // reported as unknown below
            }
            return properties.getProperty("version", "(version unknown)");
        }

        @Override
        public String[] getVersion() {
            return new String[] {"invitations-service " + version()};
        }
    }
}
