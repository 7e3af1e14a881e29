package org.invitations.app;

import static org.invitations.support.Requests.associate;
import static org.invitations.support.Requests.freeSlot;
import static org.invitations.support.Requests.meeting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.invitations.support.Await;
import org.invitations.support.Directory;
import org.invitations.support.Postgres;
import org.invitations.support.TestServer;
import org.invitations.ws.generated.GetInvitations;
import org.invitations.ws.generated.InvitationsPortType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pool's connections to PostgreSQL, seen from the database's side (pg_stat_activity, read on a
 * connection of the test's own): none sits in an open transaction between calls, so a server's
 * idle_in_transaction_session_timeout closes none of them, and the service's session setting (the
 * lock timeout) holds for the connection's life, whatever its transactions do.
 */
class PooledConnectionsOnPostgresTest {

    static final int POOL_SIZE = 5;
    /** The service's own sessions. */
    static final String POOL = " AND application_name = '" + PostgresSession.APPLICATION_NAME + "'";

    @TempDir
    Path data;

    private static Connection direct(String url) throws SQLException {
        return DriverManager.getConnection(url, "postgres", "postgres");
    }

    private static String databaseName(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_database()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The other sessions on this database, each as "pid state", oldest state first. */
    private static List<String> sessions(Connection connection, String where) throws SQLException {
        List<String> sessions = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT pid, state FROM pg_stat_activity"
                     + " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                     + " AND backend_type = 'client backend'" + where + " ORDER BY state_change")) {
            while (rs.next()) {
                sessions.add(rs.getInt(1) + " " + rs.getString(2));
            }
        }
        return sessions;
    }

    private static Set<Integer> pids(List<String> sessions) {
        Set<Integer> pids = new TreeSet<>();
        sessions.forEach(session -> pids.add(Integer.parseInt(session.substring(0, session.indexOf(' ')))));
        return pids;
    }

    @Test
    void noPooledConnectionIsLeftInAnOpenTransactionAndAnIdleTransactionTimeoutClosesNone() throws Exception {
        String url = Postgres.freshDatabase();
        try (Connection observer = direct(url)) {
            String database = databaseName(observer);
            try (Statement statement = observer.createStatement()) {
                // applies to every session that starts on this database from now on
                statement.execute("ALTER DATABASE " + database + " SET idle_in_transaction_session_timeout = '1s'");
            }
            ServerConfig config = TestServer.config(data, TestServer.freePort()).toBuilder().jdbcUrl(url)
                    .jdbcUser("postgres").jdbcPassword("postgres").dbPoolSize(POOL_SIZE).build();
            try (InvitationsServer server = InvitationsServer.start(config)) {
                Directory directory = new Directory(server.address());
                InvitationsPortType alice = directory.alice();
                alice.createInvitation(meeting("Pooled", freeSlot(), associate(directory.idOf("bob"))));
                alice.getInvitations(new GetInvitations());
                Await.until(Duration.ofSeconds(20), () -> sessions(observer, POOL).size() == POOL_SIZE,
                        () -> "the pool's connections: " + sessionsOrError(observer));

                List<String> leftOpen = sessions(observer, POOL + " AND state = 'idle in transaction'"
                        + " AND state_change < now() - interval '100 milliseconds'");
                assertEquals(List.of(), leftOpen, "no connection waits in an open transaction between calls");

                Set<Integer> before = pids(sessions(observer, POOL));
                // a session of the test's own left idle in a transaction: once the server has closed it,
                // the timeout has been in force for every connection of the pool at least as long
                try (Connection canary = direct(url)) {
                    canary.setAutoCommit(false);
                    int canaryPid;
                    try (Statement statement = canary.createStatement();
                         ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
                        rs.next();
                        canaryPid = rs.getInt(1);
                    }
                    Await.until(Duration.ofSeconds(20), () -> !pids(sessions(observer, "")).contains(canaryPid),
                            () -> "the idle transaction was not closed: " + sessionsOrError(observer));
                }
                Set<Integer> after = pids(sessions(observer, POOL));
                assertTrue(after.containsAll(before), "the timeout closed none of the pool's connections: "
                        + before + " before, " + after + " after");

                alice.getInvitations(new GetInvitations());
            }
        }
    }

    @Test
    void theLockTimeoutHoldsAfterAConnectionsFirstTransactionIsRolledBack() throws Exception {
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).dataDir(data)
                .jdbcUrl(Postgres.freshDatabase()).jdbcUser("postgres").jdbcPassword("postgres")
                .passwordIterations(TestServer.TEST_ITERATIONS).dbPoolSize(POOL_SIZE).build();
        try (Database database = Database.open(config, "validate")) {
            // every connection of the pool at once: most have had no transaction yet
            List<Connection> connections = new ArrayList<>();
            try {
                for (int i = 0; i < config.dbPoolSize(); i++) {
                    connections.add(database.dataSource().getConnection());
                }
                for (Connection connection : connections) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("SELECT 1");
                        connection.rollback();

                        try (ResultSet rs = statement.executeQuery("SHOW lock_timeout")) {
                            rs.next();
                            assertEquals(Database.LOCK_WAIT_SECONDS + "s", rs.getString(1));
                        }
                    }
                }
            } finally {
                for (Connection connection : connections) {
                    connection.close();
                }
            }
        }
    }

    private static String sessionsOrError(Connection observer) {
        try {
            return sessions(observer, "").toString();
        } catch (SQLException e) {
            return e.toString();
        }
    }
}
