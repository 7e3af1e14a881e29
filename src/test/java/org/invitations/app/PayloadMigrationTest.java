package org.invitations.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.DatabaseFactory;
import liquibase.database.core.DerbyDatabase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.invitations.support.Postgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A database made before the outbox payload became a CLOB (Derby) or TEXT (PostgreSQL), and the person's
 * mobile 21 characters, keeps what it holds through the migration, and takes the longer values after it.
 */
class PayloadMigrationTest {

    /** The first change set of the sizes migration; the database is made with the change sets before it. */
    private static final String FIRST_NEW = "010-";

    @TempDir
    Path data;
    @TempDir
    Path oldChangelog;

    @Test
    void outboxPayloadsAndMobilesWrittenBeforeTheMigrationAreKeptOnDerby() throws Exception {
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).dataDir(data)
                .passwordIterations(1000).build();
        Files.createDirectories(data);

        assertKeptThroughTheMigration(config);
    }

    @Test
    void outboxPayloadsAndMobilesWrittenBeforeTheMigrationAreKeptOnPostgres() throws Exception {
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).dataDir(data)
                .jdbcUrl(Postgres.freshDatabase()).jdbcUser("postgres").jdbcPassword("postgres")
                .passwordIterations(1000).build();

        assertKeptThroughTheMigration(config);
    }

    private void assertKeptThroughTheMigration(ServerConfig config) throws Exception {
        String before = "Møte på Ærøy – 年度会议. ".repeat(1_500).substring(0, 30_000);
        try (Connection connection = connect(config)) {
            migrateWithTheChangeSetsBefore(connection);
            connection.setAutoCommit(true);
            connection.createStatement().execute("INSERT INTO contact (id, name) VALUES (1, 'Fjordline')");
            connection.createStatement().execute(
                    "INSERT INTO person (id, contact_id, full_name, mobile) VALUES (1, 1, 'Ola', '+47 912 34 567 89 01')");
            insertOutboxItem(connection, 1, before);
        }
        shutDownIfDerby(config);

        try (Database database = Database.open(config, "validate")) {
            String after = "Møte på Ærøy – 年度会议. ".repeat(3_000);
            database.sessionFactory().inSession(session -> session.doWork(connection -> {
                connection.setAutoCommit(true);
                insertOutboxItem(connection, 2, after);
                connection.createStatement().execute(
                        "INSERT INTO person (id, contact_id, full_name, mobile) VALUES (2, 1, 'Kari', '+47 9 1 2 3 4 5 6 7 8')");

                assertEquals(before, payload(connection, 1), "the payload written before the migration");
                assertEquals(after, payload(connection, 2), "a payload beyond Derby's VARCHAR");
                assertEquals("+47 912 34 567 89 01", mobile(connection, 1));
                assertEquals("+47 9 1 2 3 4 5 6 7 8", mobile(connection, 2));
                assertThrows(SQLException.class, () -> insertOutboxItem(connection, 3, null), "payload stays NOT NULL");
            }));
        }
    }

    /** The changelog as it was before the sizes migration, under the same name, so its rows match. */
    private void migrateWithTheChangeSetsBefore(Connection connection) throws Exception {
        Document changelog = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(getClass().getClassLoader().getResourceAsStream(Database.CHANGELOG));
        NodeList changeSets = changelog.getDocumentElement().getElementsByTagName("changeSet");
        for (int i = changeSets.getLength() - 1; i >= 0; i--) {
            Element changeSet = (Element) changeSets.item(i);
            if (changeSet.getAttribute("id").compareTo(FIRST_NEW) >= 0) {
                changeSet.getParentNode().removeChild(changeSet);
            }
        }
        Path file = oldChangelog.resolve(Database.CHANGELOG);
        Files.createDirectories(file.getParent());
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(changelog), new StreamResult(file.toFile()));

        liquibase.database.Database database = DatabaseFactory.getInstance()
                .findCorrectDatabaseImplementation(new JdbcConnection(connection));
        if (database instanceof DerbyDatabase derby) {
            derby.setShutdownEmbeddedDerby(false);
        }
        Liquibase liquibase = new Liquibase(Database.CHANGELOG, new DirectoryResourceAccessor(oldChangelog), database);
        liquibase.update(new Contexts(), new LabelExpression());
    }

    private static void insertOutboxItem(Connection connection, long id, String payload) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO outbox_item (id, kind, state, appointment_id, order_key, destination, payload, attempts,
                                         created_at, next_attempt_at)
                VALUES (?, 'EMAIL', 'HELD', 1, ?, 'ola@example.com', ?, 0, ?, ?)""")) {
            Timestamp now = Timestamp.from(Instant.now());
            insert.setLong(1, id);
            insert.setString(2, "1/mail/" + id);
            insert.setString(3, payload);
            insert.setTimestamp(4, now);
            insert.setTimestamp(5, now);
            insert.executeUpdate();
        }
    }

    private static String payload(Connection connection, long id) throws SQLException {
        return one(connection, "SELECT payload FROM outbox_item WHERE id = " + id);
    }

    private static String mobile(Connection connection, long id) throws SQLException {
        return one(connection, "SELECT mobile FROM person WHERE id = " + id);
    }

    private static String one(Connection connection, String sql) throws SQLException {
        try (ResultSet rs = connection.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Connection connect(ServerConfig config) throws SQLException {
        return config.embeddedDerby()
                ? DriverManager.getConnection(config.effectiveJdbcUrl() + ";create=true")
                : DriverManager.getConnection(config.effectiveJdbcUrl(), "postgres", "postgres");
    }

    private static void shutDownIfDerby(ServerConfig config) {
        if (!config.embeddedDerby()) {
            return;
        }
        try {
            DriverManager.getConnection(config.effectiveJdbcUrl() + ";shutdown=true").close();
        } catch (SQLException expected) {
            assertEquals("08006", expected.getSQLState(), expected.getMessage());
        }
    }
}
