package org.invitations.app;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.database.DatabaseFactory;
import liquibase.database.core.DerbyDatabase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.invitations.audit.AuditEvent;
import org.invitations.directory.Associate;
import org.invitations.directory.Contact;
import org.invitations.directory.Person;
import org.invitations.directory.Resource;
import org.invitations.invitation.Appointment;
import org.invitations.invitation.ParticipantRecord;

/**
 * The connection pool, the schema migrations and the Hibernate session factory. Migrations run on
 * every start before Hibernate sees the database; Hibernate never creates or alters tables.
 */
public final class Database implements AutoCloseable {

    public static final String CHANGELOG = "db/changelog.xml";

    /** The longest wait for a row lock; a transaction waiting longer gives up and is replayed. */
    static final int LOCK_WAIT_SECONDS = 5;

    static {
        // Derby reads these when the engine boots: deadlocks are looked for after 1 s (not 20), and no
        // lock is waited for longer than LOCK_WAIT_SECONDS (not 60).
        setIfAbsent("derby.locks.deadlockTimeout", "1");
        setIfAbsent("derby.locks.waitTimeout", String.valueOf(LOCK_WAIT_SECONDS));
        // Derby creates the database's files with the process umask (often world-readable) unless told
        // to give them to the owner only; the webhook secrets are in them in plain text.
        setIfAbsent("derby.storage.useDefaultFilePermissions", "false");
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    private final ServerConfig config;
    private final HikariDataSource dataSource;
    private final SessionFactory sessionFactory;

    private Database(ServerConfig config, HikariDataSource dataSource, SessionFactory sessionFactory) {
        this.config = config;
        this.dataSource = dataSource;
        this.sessionFactory = sessionFactory;
    }

    /** With {@link ServerConfig#dbPoolSize()} connections. */
    public static Database open(ServerConfig config, String schemaAction) {
        return open(config, schemaAction, null);
    }

    /** With pool metrics (connections in use, waiting, timeouts) in {@code metrics}, when given. */
    public static Database open(ServerConfig config, String schemaAction,
                                io.micrometer.core.instrument.MeterRegistry metrics) {
        Logging.setUp();
        if (config.embeddedDerby()) {
            prepareDerby(config);
            // Before the pool boots the database: Derby restores only on the connection that boots it.
            DerbyRestore.restoreIfAsked(config);
            createDerbyIfAbsent(config);
        }
        HikariConfig pool = new HikariConfig();
        String url = config.effectiveJdbcUrl();
        if (PostgresSession.isPostgres(url)) {
            // No statement waits long for a row lock: a lost race is replayed (see Transactions). Given as a
            // start-up option, the setting holds for the session's life and opens no transaction, which
            // an init statement would (the pool runs it with autocommit off, and a rollback undoes it).
            url = PostgresSession.withOption(url, "lock_timeout", LOCK_WAIT_SECONDS + "s");
            // How the pool's sessions show in pg_stat_activity, unless the URL names them itself.
            pool.addDataSourceProperty("ApplicationName", PostgresSession.APPLICATION_NAME);
        }
        pool.setJdbcUrl(url);
        pool.setUsername(config.jdbcUser());
        pool.setPassword(config.jdbcPassword());
        pool.setAutoCommit(false);
        pool.setMaximumPoolSize(config.dbPoolSize());
        // A call waits this long at most for a connection; then it gets ConcurrentModificationFault ("busy").
        pool.setConnectionTimeout(10_000);
        pool.setPoolName("invitations");
        if (metrics != null) {
            pool.setMetricRegistry(metrics);
        }
        HikariDataSource dataSource = new HikariDataSource(pool);
        try {
            migrate(dataSource);
            SessionFactory sessionFactory = new HibernatePersistenceConfiguration("invitations")
                    .managedClasses(Associate.class, Contact.class, Person.class, Resource.class,
                            Appointment.class, ParticipantRecord.class, AuditEvent.class,
                            org.invitations.invitation.TimeProposal.class,
                            org.invitations.invitation.ClientRequest.class, org.invitations.security.Account.class,
                            org.invitations.notification.OutboxItem.class, org.invitations.notification.Webhook.class,
                            org.invitations.reply.CalendarReply.class, org.invitations.reply.MailboxMessage.class)
                    .property(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
                    .property(AvailableSettings.CONNECTION_PROVIDER_DISABLES_AUTOCOMMIT, true)
                    .property(AvailableSettings.JDBC_TIME_ZONE, "UTC")
                    .property(AvailableSettings.NON_CONTEXTUAL_LOB_CREATION, true)
                    .property(AvailableSettings.STATEMENT_BATCH_SIZE, 50)
                    .property(AvailableSettings.STATEMENT_FETCH_SIZE, 64)
                    .property(AvailableSettings.ORDER_INSERTS, true)
                    .property(AvailableSettings.HBM2DDL_AUTO, schemaAction)
                    .property(AvailableSettings.DIALECT, config.embeddedDerby()
                            ? DerbyDialect.class.getName()
                            : "org.hibernate.dialect.PostgreSQLDialect")
                    .createEntityManagerFactory();
            return new Database(config, dataSource, sessionFactory);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    public SessionFactory sessionFactory() {
        return sessionFactory;
    }

    /** Whether a connection can be had and answers within 2 s (the health check). */
    public boolean isReachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** The pool itself, for bulk work that bypasses Hibernate (benchmark seeding). */
    public javax.sql.DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        sessionFactory.close();
        dataSource.close();
        if (config.embeddedDerby()) {
            shutdownDerby(config.effectiveJdbcUrl());
        }
    }

    private static void migrate(HikariDataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            liquibase.database.Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            if (database instanceof DerbyDatabase derby) {
                // Liquibase would otherwise shut the embedded database down when it is done.
                derby.setShutdownEmbeddedDerby(false);
            }
            // What Liquibase would print on standard output (each change set, the summary) goes to its log.
            Scope.child(Scope.Attr.ui.name(), new LoggerUIService(), () -> {
                try (Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), database)) {
                    liquibase.setShowSummaryOutput(UpdateSummaryOutputEnum.LOG);
                    liquibase.update(new Contexts(), new LabelExpression());
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("Database migration failed: " + e.getMessage(), e);
        }
    }

    /**
     * The data folder, readable by the service's user only before Derby writes into it; files and
     * folders that an earlier version (or a permissive umask) left open to others are closed, with a
     * log line. The backup folder too, when it is elsewhere.
     */
    private static void prepareDerby(ServerConfig config) {
        Path dataDir = config.dataDir();
        try {
            OwnerOnly.createFolder(dataDir);
            OwnerOnly.restrictAndSay(dataDir, "Data folder:");
            if (!config.backupDir().toAbsolutePath().normalize().startsWith(dataDir.toAbsolutePath().normalize())) {
                OwnerOnly.restrictAndSay(config.backupDir(), "Backup folder:");
            }
            if (System.getProperty("derby.stream.error.file") == null) {
                Path log = dataDir.resolve("derby.log").toAbsolutePath();
                OwnerOnly.createFile(log);
                System.setProperty("derby.stream.error.file", log.toString());
            }
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            throw new IllegalStateException("Cannot prepare the data folder " + dataDir.toAbsolutePath() + ": " + e, e);
        }
    }

    /**
     * Creates the embedded database on the first start, on one connection of its own: the pool's
     * connections then only connect, and none of them is told "database not created, connection made
     * to existing database instead" (a warning Hibernate would log for each).
     */
    private static void createDerbyIfAbsent(ServerConfig config) {
        if (Files.exists(config.derbyDirectory().resolve("service.properties"))) {
            return;
        }
        try {
            DriverManager.getConnection(config.effectiveJdbcUrl() + ";create=true").close();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the database in " + config.derbyDirectory() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Closes the embedded database cleanly, so that the next start (even in this JVM) needs no recovery. */
    private static void shutdownDerby(String url) {
        try {
            DriverManager.getConnection(url + ";shutdown=true").close();
        } catch (SQLException expected) {
            // Derby reports a successful shutdown of one database as SQLState 08006.
            if (!"08006".equals(expected.getSQLState())) {
                throw new IllegalStateException("Derby did not shut down cleanly: " + expected.getMessage(), expected);
            }
        }
    }
}
