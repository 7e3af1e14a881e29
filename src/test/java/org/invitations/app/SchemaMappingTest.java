package org.invitations.app;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Liquibase migrations create exactly the schema the Hibernate mapping expects. */
class SchemaMappingTest {

    @TempDir
    Path data;

    @Test
    void entitiesValidateAgainstTheMigratedSchema() {
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).dataDir(data)
                .passwordIterations(1000).build();

        assertDoesNotThrow(() -> Database.open(config, "validate").close());
    }

    @Test
    void entitiesValidateAgainstTheMigratedSchemaOnPostgres() {
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).dataDir(data)
                .jdbcUrl(org.invitations.support.Postgres.freshDatabase()).jdbcUser("postgres").jdbcPassword("postgres")
                .passwordIterations(1000).build();

        assertDoesNotThrow(() -> Database.open(config, "validate").close());
    }

    @Test
    void invitationListIsServedByTheInviteeStatusStartIndex() throws Exception {
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).dataDir(data)
                .passwordIterations(1000).build();
        try (Database database = Database.open(config, "none")) {
            String columns = database.sessionFactory().fromSession(session -> session.doReturningWork(c -> indexColumns(c)));

            assertEquals("ASSOCIATE_ID,STATUS,STARTS_AT,ID", columns);
        }
    }

    private static String indexColumns(Connection connection) throws java.sql.SQLException {
        StringBuilder columns = new StringBuilder();
        try (ResultSet rs = connection.getMetaData().getIndexInfo(null, null, "PARTICIPANT_RECORD", false, false)) {
            while (rs.next()) {
                if ("IX_RECORD_INVITEE".equals(rs.getString("INDEX_NAME"))) {
                    columns.append(columns.isEmpty() ? "" : ",").append(rs.getString("COLUMN_NAME"));
                }
            }
        }
        return columns.toString();
    }

}
