package org.invitations.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.invitations.app.InvitationsServer;
import org.invitations.app.ServerConfig;

/**
 * Starts the real service (CXF on Jetty, embedded Derby on disk) on a free port, with the demo directory
 * and a management listener ({@code /metrics}) on another free port of 127.0.0.1.
 */
public final class TestServer {

    /** Cheap hashes keep the suite fast; the hashing code path is the same. */
    public static final int TEST_ITERATIONS = 1_000;

    private TestServer() {
    }

    public static InvitationsServer start(Path dataDir) {
        return InvitationsServer.start(config(dataDir, freePort()));
    }

    /** On Derby in {@code dataDir}, or on a fresh PostgreSQL database when the test class is {@link OnPostgres}. */
    public static InvitationsServer startFor(Class<?> testClass, Path dataDir) {
        ServerConfig config = config(dataDir, freePort());
        if (testClass != null && testClass.isAnnotationPresent(OnPostgres.class)) {
            config = config.toBuilder().jdbcUrl(Postgres.freshDatabase()).jdbcUser("postgres")
                    .jdbcPassword("postgres").build();
        }
        if (testClass != null) {
            DATABASES.put(testClass, config.effectiveJdbcUrl());
        }
        return InvitationsServer.start(config);
    }

    /**
     * A plain JDBC connection to the database {@link #startFor} started the test class's server on, for a
     * test that counts rows (Derby embedded in this JVM, or the embedded PostgreSQL).
     */
    public static java.sql.Connection connectionFor(Class<?> testClass) throws java.sql.SQLException {
        String url = DATABASES.get(testClass);
        if (url == null) {
            throw new IllegalStateException("no server was started for " + testClass);
        }
        return url.startsWith("jdbc:derby:") ? java.sql.DriverManager.getConnection(url)
                : java.sql.DriverManager.getConnection(url, "postgres", "postgres");
    }

    private static final java.util.Map<Class<?>, String> DATABASES = new java.util.concurrent.ConcurrentHashMap<>();

    /** The configuration {@link #startFor} starts with, to adjust before starting. */
    public static ServerConfig configFor(Class<?> testClass, Path dataDir) {
        ServerConfig config = config(dataDir, freePort());
        if (testClass != null && testClass.isAnnotationPresent(OnPostgres.class)) {
            return config.toBuilder().jdbcUrl(Postgres.freshDatabase()).jdbcUser("postgres").jdbcPassword("postgres")
                    .build();
        }
        return config;
    }

    public static ServerConfig config(Path dataDir, int port) {
        return ServerConfig.builder().host("127.0.0.1").port(port).dataDir(dataDir).demo(true)
                .passwordIterations(TEST_ITERATIONS).management("127.0.0.1", 0).build();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
