package org.invitations.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.invitations.notification.NotificationSettings;
import org.invitations.security.PasswordHasher;

/**
 * Start-up settings, immutable, built once: from the command line and the environment by
 * {@link #from(String[], Map)}, or by {@link #builder()} (tests, the benchmark).
 */
public final class ServerConfig {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8080;
    public static final Path DEFAULT_DATA = Path.of("data");
    public static final String PATH = "/ws/invitations";
    /** The management listener's interface unless told otherwise: this machine only. */
    public static final String DEFAULT_MANAGEMENT_HOST = "127.0.0.1";
    /** Database connections per node: {@value} = 32 SOAP calls at once, plus 2 for deliveries and health checks. */
    public static final int DEFAULT_DB_POOL_SIZE = 34;
    /** One SOAP call at a time, plus the 2 connections kept for deliveries and health checks. */
    public static final int MIN_DB_POOL_SIZE = 3;
    /** Open HTTP connections at most, unless told otherwise. */
    public static final int DEFAULT_MAX_CONNECTIONS = 2000;

    private final String host;
    private final int port;
    private final Path dataDir;
    private final String jdbcUrl;
    private final String jdbcUser;
    private final String jdbcPassword;
    private final int dbPoolSize;
    private final boolean demo;
    private final String adminPassword;
    private final int passwordIterations;
    private final boolean benchNoop;
    private final Path tlsKeystore;
    private final String tlsKeystorePassword;
    private final boolean logMessages;
    private final Path backupDir;
    private final Path restoreFrom;
    private final NotificationSettings notifications;
    private final Integer managementPort;
    private final String managementHost;
    private final java.util.List<String> trustedProxies;
    private final Integer maxConcurrentRequests;
    private final int maxConnections;
    private final java.time.ZoneId defaultTimeZone;
    private final org.invitations.reply.MailboxReader.Settings imap;

    private ServerConfig(Builder b) {
        this.trustedProxies = java.util.List.copyOf(b.trustedProxies);
        new org.invitations.security.ClientSource(trustedProxies); // each must be an IP address
        this.host = Objects.requireNonNull(b.host, "host");
        this.port = b.port;
        this.dataDir = Objects.requireNonNull(b.dataDir, "dataDir");
        this.jdbcUrl = b.jdbcUrl;
        this.jdbcUser = b.jdbcUser;
        this.jdbcPassword = b.jdbcPassword;
        this.dbPoolSize = b.dbPoolSize;
        this.demo = b.demo;
        this.adminPassword = b.adminPassword;
        this.passwordIterations = b.passwordIterations;
        this.benchNoop = b.benchNoop;
        this.tlsKeystore = b.tlsKeystore;
        this.tlsKeystorePassword = b.tlsKeystorePassword;
        this.logMessages = b.logMessages;
        this.backupDir = b.backupDir;
        this.restoreFrom = b.restoreFrom;
        this.notifications = Objects.requireNonNull(b.notifications, "notifications");
        this.managementPort = b.managementPort;
        this.managementHost = Objects.requireNonNull(b.managementHost, "managementHost");
        this.maxConcurrentRequests = b.maxConcurrentRequests;
        this.maxConnections = b.maxConnections;
        this.defaultTimeZone = Objects.requireNonNull(b.defaultTimeZone, "defaultTimeZone");
        this.imap = b.imap;
        if (maxConcurrentRequests != null && maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("at least 1 request must be served at once: " + maxConcurrentRequests);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("at least 1 HTTP connection must be allowed: " + maxConnections);
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is not 0-65535");
        }
        if (managementPort != null && (managementPort < 0 || managementPort > 65_535)) {
            throw new IllegalArgumentException("management port " + managementPort + " is not 0-65535");
        }
        if (managementPort != null && managementPort != 0 && managementPort == port) {
            throw new IllegalArgumentException("the management port " + managementPort
                    + " must differ from the service's port");
        }
        if (dbPoolSize < MIN_DB_POOL_SIZE) {
            throw new IllegalArgumentException("the database pool needs at least " + MIN_DB_POOL_SIZE
                    + " connections (one SOAP call at a time, plus 2 for deliveries and health checks): " + dbPoolSize);
        }
        if (passwordIterations < 1) {
            throw new IllegalArgumentException("passwordIterations must be positive: " + passwordIterations);
        }
        if (tlsKeystore != null && tlsKeystorePassword == null) {
            throw new IllegalArgumentException("a TLS keystore needs its password");
        }
        if (restoreFrom != null && !embeddedDerby()) {
            throw new IllegalArgumentException(RESTORE_NEEDS_DERBY);
        }
        if (embeddedDerby() && backupDir().toAbsolutePath().normalize().startsWith(derbyDirectory().normalize())) {
            // Derby would write it; a restore into this data folder would then delete it with the database.
            throw new IllegalArgumentException("The backup folder " + backupDir().toAbsolutePath().normalize()
                    + " is inside the database folder " + derbyDirectory().normalize() + "; choose another one");
        }
    }

    /** Why a restore and a JDBC URL do not go together; PostgreSQL has its own tools. */
    static final String RESTORE_NEEDS_DERBY = "--restore-from restores the embedded Derby database and cannot be"
            + " combined with --jdbc-url; restore PostgreSQL with pg_restore or psql";

    /** Every setting at its default: 0.0.0.0:8080, embedded Derby in ./data, PBKDF2 at 600,000 iterations. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's settings, to derive another one. */
    public Builder toBuilder() {
        return new Builder().host(host).port(port).dataDir(dataDir).jdbcUrl(jdbcUrl).jdbcUser(jdbcUser)
                .jdbcPassword(jdbcPassword).dbPoolSize(dbPoolSize).demo(demo).adminPassword(adminPassword)
                .passwordIterations(passwordIterations).benchNoop(benchNoop).tls(tlsKeystore, tlsKeystorePassword)
                .logMessages(logMessages).backupDir(backupDir).restoreFrom(restoreFrom).notifications(notifications)
                .management(managementHost, managementPort)
                .trustedProxies(trustedProxies)
                .maxConcurrentRequests(maxConcurrentRequests).maxConnections(maxConnections)
                .defaultTimeZone(defaultTimeZone).imap(imap);
    }

    /**
     * The configuration of a command line, flags first and environment variables second.
     *
     * @throws IllegalArgumentException with a one-line message for a bad flag or value, and for
     *         {@code --help} or {@code --version}, which {@link Main} answers instead
     */
    public static ServerConfig from(String[] args, Map<String, String> env) {
        return CommandLineOptions.parse(args, env);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Null means embedded Derby in {@link #dataDir()}. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String jdbcUser() {
        return jdbcUser;
    }

    public String jdbcPassword() {
        return jdbcPassword;
    }

    /**
     * Connections this node keeps to the database. At most this minus 2 SOAP calls are served at once,
     * each with its own connection; the 2 others serve deliveries and health checks.
     */
    public int dbPoolSize() {
        return dbPoolSize;
    }

    /** Seed the demo directory (once). */
    public boolean demo() {
        return demo;
    }

    /** The first admin's password on an empty database; null generates one (or the demo one). */
    public String adminPassword() {
        return adminPassword;
    }

    /** PBKDF2 cost for new password hashes. */
    public int passwordIterations() {
        return passwordIterations;
    }

    /** Also publish the benchmark's no-op endpoint. */
    public boolean benchNoop() {
        return benchNoop;
    }

    /** The PKCS12 keystore for HTTPS; null means plain HTTP. */
    public Path tlsKeystore() {
        return tlsKeystore;
    }

    public String tlsKeystorePassword() {
        return tlsKeystorePassword;
    }

    /** Every SOAP message in and out is logged, with passwords masked. */
    public boolean logMessages() {
        return logMessages;
    }

    /**
     * The addresses of the proxies (load balancers) in front of this node whose X-Forwarded-For is
     * believed for the login throttle's source; empty: the connection's peer is the source.
     */
    public java.util.List<String> trustedProxies() {
        return trustedProxies;
    }

    /** How confirmations, SMS and events leave the service. */
    public NotificationSettings notifications() {
        return notifications;
    }

    /** Where {@code POST /backup} writes its timestamped folders: the configured folder, or {@code DATA/backups}. */
    public Path backupDir() {
        return backupDir != null ? backupDir : dataDir.resolve("backups");
    }

    /** A backup folder to restore the embedded Derby database from before starting; null starts as it is. */
    public Path restoreFrom() {
        return restoreFrom;
    }

    /**
     * The port of the management listener, which alone serves {@code /metrics} (and {@code /health} as
     * well); null means none, and no one can read the metrics.
     */
    public Integer managementPort() {
        return managementPort;
    }

    /** The interface the management listener binds: {@value #DEFAULT_MANAGEMENT_HOST} unless told otherwise. */
    public String managementHost() {
        return managementHost;
    }

    /**
     * Requests in the service at once (SOAP calls and {@code POST /backup}); the others wait without a
     * thread. Unless set, {@link #dbPoolSize()} minus the 2 connections kept for deliveries and health
     * checks, so that every admitted request has a connection without waiting.
     */
    public int maxConcurrentRequests() {
        return maxConcurrentRequests != null ? maxConcurrentRequests : dbPoolSize - 2;
    }

    /** Open HTTP connections at most ({@value #DEFAULT_MAX_CONNECTIONS} unless set). */
    public int maxConnections() {
        return maxConnections;
    }

    /** The time zone of new associates that are not given one (the first admin, the demo directory too). */
    public java.time.ZoneId defaultTimeZone() {
        return defaultTimeZone;
    }

    /** The mailbox external persons' replies are read from (IMAP); null: none is read. */
    public org.invitations.reply.MailboxReader.Settings imap() {
        return imap;
    }

    public boolean tls() {
        return tlsKeystore != null;
    }

    public String scheme() {
        return tls() ? "https" : "http";
    }

    /**
     * The JDBC URL to use: the configured one, or embedded Derby on disk in the data folder. The Derby
     * URL does not create the database: {@link Database} creates it once, on its first start.
     */
    public String effectiveJdbcUrl() {
        return jdbcUrl != null ? jdbcUrl : "jdbc:derby:" + derbyDirectory();
    }

    /** What the start line says about the database: the Derby folder, or the JDBC URL without a password in it. */
    public String databaseDescription() {
        return embeddedDerby() && jdbcUrl == null ? derbyDirectory().normalize() + " (embedded Derby)"
                : withoutPassword(effectiveJdbcUrl());
    }

    /** A JDBC URL without {@code password=} parameters and without a password before {@code @}. */
    static String withoutPassword(String url) {
        return url.replaceAll("(?i)([?&;:]password=)[^&;]*", "$1***")
                .replaceAll("(//[^/@:?;]*):[^/@?;]*@", "$1:***@");
    }

    /** The embedded Derby database's own folder, {@code DATA/db} (absolute). */
    public Path derbyDirectory() {
        return dataDir.resolve(BackupFolder.DATABASE).toAbsolutePath();
    }

    public boolean embeddedDerby() {
        return effectiveJdbcUrl().startsWith("jdbc:derby:");
    }

    /** Without the passwords. */
    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", dataDir=" + dataDir + ", jdbcUrl=" + jdbcUrl
                + ", jdbcUser=" + jdbcUser + ", dbPoolSize=" + dbPoolSize + ", demo=" + demo + ", passwordIterations=" + passwordIterations
                + ", benchNoop=" + benchNoop + ", tlsKeystore=" + tlsKeystore + ", logMessages=" + logMessages
                + ", backupDir=" + backupDir() + ", restoreFrom=" + restoreFrom + ", management="
                + (managementPort == null ? "none" : managementHost + ":" + managementPort) + ", trustedProxies="
                + trustedProxies + ", maxConcurrentRequests=" + maxConcurrentRequests() + ", maxConnections="
                + maxConnections + ", defaultTimeZone="
                + org.invitations.shared.TimeZones.idOf(defaultTimeZone) + ", imap=" + imap + "]";
    }

    /** Collects settings; {@link #build()} checks them and makes the immutable configuration. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private Path dataDir = DEFAULT_DATA;
        private String jdbcUrl;
        private String jdbcUser;
        private String jdbcPassword;
        private int dbPoolSize = DEFAULT_DB_POOL_SIZE;
        private boolean demo;
        private String adminPassword;
        private int passwordIterations = PasswordHasher.DEFAULT_ITERATIONS;
        private boolean benchNoop;
        private Path tlsKeystore;
        private String tlsKeystorePassword;
        private boolean logMessages;
        private Path backupDir;
        private NotificationSettings notifications = NotificationSettings.DEFAULT;
        private Path restoreFrom;
        private Integer managementPort;
        private String managementHost = DEFAULT_MANAGEMENT_HOST;
        private java.util.List<String> trustedProxies = java.util.List.of();
        private Integer maxConcurrentRequests;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private java.time.ZoneId defaultTimeZone = java.time.ZoneOffset.UTC;
        private org.invitations.reply.MailboxReader.Settings imap;

        private Builder() {
        }

        /** The mailbox replies are read from; null (the default) reads none. */
        public Builder imap(org.invitations.reply.MailboxReader.Settings value) {
            imap = value;
            return this;
        }

        /** The zone of new associates not given one; UTC by default. */
        public Builder defaultTimeZone(java.time.ZoneId value) {
            defaultTimeZone = value;
            return this;
        }

        /** Requests in the service at once; null (the default) means {@link #dbPoolSize(int)} minus 2. */
        public Builder maxConcurrentRequests(Integer value) {
            maxConcurrentRequests = value;
            return this;
        }

        /** Open HTTP connections at most; {@value #DEFAULT_MAX_CONNECTIONS} by default. */
        public Builder maxConnections(int value) {
            maxConnections = value;
            return this;
        }

        public Builder host(String value) {
            host = value;
            return this;
        }

        /** 0 picks a free port (tests that never listen). */
        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder dataDir(Path value) {
            dataDir = value;
            return this;
        }

        /** Null (the default) means embedded Derby in the data folder. */
        public Builder jdbcUrl(String value) {
            jdbcUrl = value;
            return this;
        }

        public Builder jdbcUser(String value) {
            jdbcUser = value;
            return this;
        }

        public Builder jdbcPassword(String value) {
            jdbcPassword = value;
            return this;
        }

        /** Connections to the database; see {@link ServerConfig#dbPoolSize()}. */
        public Builder dbPoolSize(int value) {
            dbPoolSize = value;
            return this;
        }

        public Builder demo(boolean value) {
            demo = value;
            return this;
        }

        public Builder adminPassword(String value) {
            adminPassword = value;
            return this;
        }

        public Builder passwordIterations(int value) {
            passwordIterations = value;
            return this;
        }

        public Builder benchNoop(boolean value) {
            benchNoop = value;
            return this;
        }

        /** HTTPS with the given PKCS12 keystore (its first key); a null keystore means plain HTTP. */
        public Builder tls(Path keystore, String password) {
            tlsKeystore = keystore;
            tlsKeystorePassword = password;
            return this;
        }

        public Builder logMessages(boolean value) {
            logMessages = value;
            return this;
        }

        /** The SMTP relay, the SMS gateway and the delivery policy; by default none and the defaults. */
        public Builder notifications(NotificationSettings value) {
            notifications = value;
            return this;
        }

        /** Null (the default) means {@code DATA/backups}. */
        public Builder backupDir(Path value) {
            backupDir = value;
            return this;
        }

        /** A folder {@code POST /backup} answered (or the Derby database inside it); null restores nothing. */
        public Builder restoreFrom(Path value) {
            restoreFrom = value;
            return this;
        }

        /**
         * The listener for {@code /metrics} and {@code /health} on {@code host:port}; a null port means
         * none, 0 a free port (tests). A null host means {@value #DEFAULT_MANAGEMENT_HOST}.
         */
        public Builder management(String host, Integer port) {
            managementHost = host == null ? DEFAULT_MANAGEMENT_HOST : host;
            managementPort = port;
            return this;
        }

        /** IP addresses of the proxies whose X-Forwarded-For is believed; empty (the default): none. */
        public Builder trustedProxies(java.util.List<String> value) {
            trustedProxies = value == null ? java.util.List.of() : value;
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(this);
        }
    }
}
