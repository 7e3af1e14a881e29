package org.invitations.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.invitations.audit.AuditLog;
import org.invitations.directory.DirectoryService;
import org.invitations.security.Role;
import org.invitations.invitation.DiaryService;
import org.invitations.invitation.InvitationService;
import org.invitations.invitation.MeetingService;
import org.invitations.invitation.ProposalService;
import org.invitations.invitation.ChangePublisher;
import org.invitations.notification.NotificationFeature;
import org.invitations.reply.MailboxReader;
import org.invitations.reply.ReplyService;
import org.invitations.ws.InvitationsEndpoint;
import org.invitations.security.Authenticator;
import org.invitations.security.ClientSource;
import org.invitations.security.PasswordHasher;
import org.invitations.task.TaskService;
import org.invitations.ws.SoapEndpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running service: database, services and the SOAP endpoint, started and stopped together. */
public final class InvitationsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InvitationsServer.class);
    /**
     * How long a verified password is trusted before the slow hash is checked again: also how long
     * another node may still accept a login that was disabled or changed here.
     */
    static final Duration LOGIN_CACHE = Duration.ofSeconds(10);

    /** The endpoint's address below the CXF servlet at {@code /ws}. */
    private static final String ENDPOINT = ServerConfig.PATH.substring("/ws".length());

    private final ServerConfig config;
    private final Database database;
    private final Bus bus;
    private final WebServer web;
    private final Server server;
    private final Server noop;
    private final NotificationFeature notifications;
    private final MailboxReader mailboxReader;
    private final String startLine;

    private InvitationsServer(ServerConfig config, Database database, Bus bus, WebServer web, Server server,
                              Server noop, NotificationFeature notifications, MailboxReader mailboxReader,
                              String startLine) {
        this.notifications = notifications;
        this.mailboxReader = mailboxReader;
        this.startLine = startLine;
        this.config = config;
        this.database = database;
        this.bus = bus;
        this.web = web;
        this.server = server;
        this.noop = noop;
    }

    public static InvitationsServer start(ServerConfig config) {
        // Every request admitted to the service can hold a connection without waiting for one.
        WebServer.Limits limits = WebServer.Limits.of(config, SoapEndpoints.MAX_REQUEST_BYTES);
        // "validate": the mapping is checked against the migrated schema at every start, on either database.
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Database database = Database.open(config, "validate", metrics);
        Bus bus = null;
        WebServer web = null;
        NotificationFeature notifications = null;
        MailboxReader mailboxReader = null;
        try {
            // Microseconds: what both Derby and PostgreSQL store, and what the contract promises back.
            Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
            PasswordHasher hasher = new PasswordHasher(config.passwordIterations());
            AuditLog audit = new AuditLog(database.sessionFactory(), clock);
            io.micrometer.core.instrument.Counter refusedLogins = io.micrometer.core.instrument.Counter
                    .builder("invitations.logins.refused")
                    .description("Refused logins, for every reason alike (unknown user, wrong password, locked,"
                            + " disabled)")
                    .register(metrics);
            Authenticator authenticator = new Authenticator(database.sessionFactory(), hasher, LOGIN_CACHE,
                    clock, new ClientSource(config.trustedProxies()), (session, who, reason) -> {
                        // One count without a reason: a reason per kind (unknown user, wrong password, paused)
                        // would tell a reader of the metrics which usernames exist. The log says why.
                        refusedLogins.increment();
                        // unknown users and tries refused unchecked (paused source) change nothing: not audited
                        if (who != null) {
                            audit.record(session, who, "LoginRefused", "associate", who.associateId(), reason);
                        }
                    });
            DirectoryService directory = new DirectoryService(database.sessionFactory(), hasher, audit, authenticator,
                    config.defaultTimeZone());
            notifications = NotificationFeature.start(database.sessionFactory(), clock, audit, config.notifications());
            ChangePublisher publisher = notifications.publisher();
            InvitationService invitations = new InvitationService(database.sessionFactory(), clock, audit, publisher);
            MeetingService meetings = new MeetingService(database.sessionFactory(), clock, audit, publisher);
            ProposalService proposals = new ProposalService(database.sessionFactory(), clock, audit, publisher);
            DiaryService diaries = new DiaryService(database.sessionFactory());
            TaskService tasks = new TaskService(database.sessionFactory(), clock, audit, publisher);

            String admin = createFirstAdmin(config, directory);
            if (config.demo()) {
                DemoData.seed(directory);
            }
            ReplyService replies = new ReplyService(database.sessionFactory(), clock, publisher,
                    config.notifications().uidDomain());
            bus = BusFactory.newInstance().createBus();
            Server server = SoapEndpoints.publish(bus, ENDPOINT, new InvitationsEndpoint(invitations, meetings, diaries,
                    tasks, directory, audit, notifications.service(), proposals,
                    new org.invitations.availability.AvailabilityService(database.sessionFactory()), replies),
                    authenticator, config.logMessages(), metrics);
            Server noop = config.benchNoop() ? SoapEndpoints.publishNoop(bus, "/noop", authenticator) : null;
            BackupEndpoint backup = new BackupEndpoint(authenticator, config.embeddedDerby()
                    ? new DerbyBackup(database.dataSource(), config.backupDir(), clock) : null, clock, metrics);
            web = WebServer.start(config, bus, limits, database::isReachable, metrics::scrape, backup);
            if (config.imap() != null) {
                mailboxReader = new MailboxReader(config.imap(), replies, metrics);
                mailboxReader.start();
            }
            String address = config.scheme() + "://" + addressHost(config.host()) + ":" + config.port()
                    + ServerConfig.PATH;
            // The one line a start prints: what runs, where to call it, on which data, and how to log in.
            String startLine = String.format("Invitations service listening on %s (WSDL: %s?wsdl), version %s;"
                    + " database %s%s%s", address, address, CommandLineOptions.BuildVersion.version(),
                    config.databaseDescription(), config.managementPort() == null ? "" : "; metrics on http://"
                            + addressHost(config.managementHost()) + ":" + web.managementPort() + "/metrics",
                    admin == null ? "" : "; " + admin);
            return new InvitationsServer(config, database, bus, web, server, noop, notifications, mailboxReader,
                    startLine);
        } catch (RuntimeException e) {
            if (mailboxReader != null) {
                mailboxReader.close();
            }
            if (web != null) {
                web.stop();
            }
            if (notifications != null) {
                notifications.close();
            }
            if (bus != null) {
                bus.shutdown(false);
            }
            database.close();
            throw e;
        }
    }

    /**
     * The host a caller can use: the bound one, or for every interface (0.0.0.0, ::) this machine's
     * name, or 127.0.0.1 when the machine has no name that resolves.
     */
    static String addressHost(String bound) {
        String host = bound;
        if (bound.isEmpty() || "0.0.0.0".equals(bound) || "::".equals(bound) || "[::]".equals(bound)
                || "0:0:0:0:0:0:0:0".equals(bound)) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException unnamed) {
                host = "127.0.0.1";
            }
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /**
     * Logs the start line: the version, the address to call, the database and where the admin password
     * is. {@link Main} calls it once a stop request would be answered (its shutdown hook is in place),
     * so that whoever waits for the line can stop the service at once and see the stop line.
     */
    public void announce() {
        LOG.info("{}", startLine);
    }

    public int port() {
        return config.port();
    }

    /** The port of the management listener ({@code /metrics}, {@code /health}), or -1 without one. */
    public int managementPort() {
        return web.managementPort();
    }

    public String address() {
        return config.scheme() + "://localhost:" + config.port() + ServerConfig.PATH;
    }

    /**
     * The running service's database, for work inside the service that is not a SOAP call: what reads replies
     * from a mailbox, and service-level tests (e.g. an external person's proposal through
     * {@link org.invitations.invitation.Proposals#propose}).
     */
    public org.hibernate.SessionFactory sessionFactory() {
        return database.sessionFactory();
    }

    /** This node's reader of the replies mailbox (--imap-host), or null without one. */
    public MailboxReader mailboxReader() {
        return mailboxReader;
    }

    /**
     * Graceful: the HTTP server stops accepting, answers the requests in flight (and 503 to any that
     * arrive meanwhile), and only then are the endpoints and the database closed.
     */
    @Override
    public void close() {
        web.stop();
        if (noop != null) {
            noop.destroy();
        }
        server.destroy();
        bus.shutdown(true);
        // the message in hand is recorded and moved; no other is started
        if (mailboxReader != null) {
            mailboxReader.close();
        }
        // deliveries in flight finish or keep their lease; another node (or the next start) takes them over
        notifications.close();
        database.close();
        LOG.info("Invitations service stopped");
    }

    /** Where a generated first admin password is written, in the data folder. */
    public static final String ADMIN_PASSWORD_FILE = "admin-password.txt";

    /**
     * An empty database gets an {@code admin} associate, so that the directory can be filled over SOAP.
     *
     * @return where the admin's password is, for the start line; null when there is nothing to say
     */
    private static String createFirstAdmin(ServerConfig config, DirectoryService directory) {
        Path file = config.dataDir().resolve(ADMIN_PASSWORD_FILE).toAbsolutePath();
        if (directory.hasAssociates()) {
            return Files.exists(file) ? "admin password in " + file + " (delete it once kept elsewhere)" : null;
        }
        String password = config.adminPassword();
        if (password == null && config.demo()) {
            password = DemoData.ADMIN_PASSWORD;
        }
        boolean generated = password == null;
        if (generated) {
            byte[] bytes = new byte[18];
            new SecureRandom().nextBytes(bytes);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        try {
            directory.addAssociate(null, "admin", "Administrator", null, password, Role.ADMIN);
        } catch (org.invitations.shared.InvalidRequest taken) {
            return "admin created by another node starting at the same time";
        }
        if (!generated) {
            return "admin password from " + (config.adminPassword() != null ? "INVITATIONS_ADMIN_PASSWORD" : "--demo");
        }
        // Shown nowhere else: the hash is all that is stored.
        try {
            writeOwnerOnly(file, password + "\n");
            return "admin password generated in " + file + " (readable by this user only; delete it once kept"
                    + " elsewhere)";
        } catch (IOException e) {
            LOG.warn("Created associate 'admin' with generated password {} ({} could not be written: {})",
                    password, file, e.toString());
            return null;
        }
    }

    /**
     * Writes {@code text} to {@code file} so that no one else can read it at any moment: a temporary
     * file created with rw------- (where the file system has POSIX permissions), then renamed over it.
     */
    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Path folder = file.getParent();
        OwnerOnly.createFolder(folder);
        boolean posix = folder.getFileSystem().supportedFileAttributeViews().contains("posix");
        Path temporary = posix
                ? Files.createTempFile(folder, ".admin-password", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(folder, ".admin-password", ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
