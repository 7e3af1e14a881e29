package org.invitations.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

    @Test
    void defaultsArePort8080AndDerbyInDataFolder() {
        ServerConfig config = ServerConfig.from(new String[0], Map.of());

        assertEquals(8080, config.port());
        assertEquals(Path.of("data"), config.dataDir());
        assertTrue(config.embeddedDerby());
        assertTrue(config.effectiveJdbcUrl().endsWith("data/db;create=true"), config.effectiveJdbcUrl());
        assertFalse(config.demo());
    }

    @Test
    void flagsWinOverEnvironment() {
        ServerConfig config = ServerConfig.from(new String[] {"--port=9000", "--data=/tmp/x", "--demo"},
                Map.of("INVITATIONS_PORT", "9100", "INVITATIONS_DATA", "/tmp/y", "INVITATIONS_ADMIN_PASSWORD", "s3cret!!"));

        assertEquals(9000, config.port());
        assertEquals(Path.of("/tmp/x"), config.dataDir());
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
    void unknownFlagIsExplained() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.from(new String[] {"--prot=1"}, Map.of()));

        assertTrue(e.getMessage().contains("--port=N"), e.getMessage());
    }
}
