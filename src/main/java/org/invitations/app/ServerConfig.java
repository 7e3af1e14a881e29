package org.invitations.app;

import java.nio.file.Path;
import java.util.Map;

/**
 * Start-up settings, from command-line flags first and environment variables second.
 *
 * @param jdbcUrl null means embedded Derby in {@code dataDir}
 * @param adminPassword the first admin's password on an empty database; null generates one
 * @param passwordIterations PBKDF2 cost for new password hashes
 */
public record ServerConfig(String host, int port, Path dataDir, String jdbcUrl, String jdbcUser,
                           String jdbcPassword, boolean demo, String adminPassword, int passwordIterations,
                           boolean benchNoop, Path tlsKeystore, String tlsKeystorePassword, boolean logMessages) {

    public ServerConfig(String host, int port, Path dataDir, String jdbcUrl, String jdbcUser, String jdbcPassword,
                        boolean demo, String adminPassword, int passwordIterations) {
        this(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, demo, adminPassword, passwordIterations, false,
                null, null, false);
    }

    public ServerConfig(String host, int port, Path dataDir, String jdbcUrl, String jdbcUser, String jdbcPassword,
                        boolean demo, String adminPassword, int passwordIterations, boolean benchNoop) {
        this(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, demo, adminPassword, passwordIterations, benchNoop,
                null, null, false);
    }

    /** HTTPS with the given PKCS12 keystore (its first key) instead of plain HTTP. */
    public ServerConfig withTls(Path keystore, String password) {
        return new ServerConfig(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, demo, adminPassword,
                passwordIterations, benchNoop, keystore, password, logMessages);
    }

    /** Every SOAP message in and out is logged, with passwords masked. */
    public ServerConfig withMessageLogging() {
        return new ServerConfig(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, demo, adminPassword,
                passwordIterations, benchNoop, tlsKeystore, tlsKeystorePassword, true);
    }

    public boolean tls() {
        return tlsKeystore != null;
    }

    public String scheme() {
        return tls() ? "https" : "http";
    }

    public static final int DEFAULT_PORT = 8080;
    public static final String PATH = "/ws/invitations";

    public static ServerConfig from(String[] args, Map<String, String> env) {
        String host = env.getOrDefault("INVITATIONS_HOST", "0.0.0.0");
        int port = Integer.parseInt(env.getOrDefault("INVITATIONS_PORT", String.valueOf(DEFAULT_PORT)));
        Path data = Path.of(env.getOrDefault("INVITATIONS_DATA", "data"));
        String jdbcUrl = env.get("INVITATIONS_JDBC_URL");
        String jdbcUser = env.get("INVITATIONS_JDBC_USER");
        String jdbcPassword = env.get("INVITATIONS_JDBC_PASSWORD");
        boolean demo = false;
        boolean benchNoop = false;
        boolean logMessages = Boolean.parseBoolean(env.getOrDefault("INVITATIONS_LOG_MESSAGES", "false"));
        String keystore = env.get("INVITATIONS_TLS_KEYSTORE");
        int iterations = Integer.parseInt(env.getOrDefault("INVITATIONS_PBKDF2_ITERATIONS",
                String.valueOf(org.invitations.security.PasswordHasher.DEFAULT_ITERATIONS)));
        for (String arg : args) {
            if (arg.equals("--demo")) {
                demo = true;
            } else if (arg.equals("--bench-noop")) {
                benchNoop = true;
            } else if (arg.equals("--log-messages")) {
                logMessages = true;
            } else if (arg.startsWith("--tls-keystore=")) {
                keystore = value(arg);
            } else if (arg.startsWith("--port=")) {
                port = Integer.parseInt(value(arg));
            } else if (arg.startsWith("--host=")) {
                host = value(arg);
            } else if (arg.startsWith("--data=")) {
                data = Path.of(value(arg));
            } else if (arg.startsWith("--jdbc-url=")) {
                jdbcUrl = value(arg);
            } else {
                throw new IllegalArgumentException("Unknown argument " + arg + "; use --port=N, --host=H,"
                        + " --data=DIR, --jdbc-url=URL, --tls-keystore=FILE, --log-messages or --demo");
            }
        }
        String keystorePassword = env.get("INVITATIONS_TLS_KEYSTORE_PASSWORD");
        if (keystore != null && keystorePassword == null) {
            throw new IllegalArgumentException("--tls-keystore needs INVITATIONS_TLS_KEYSTORE_PASSWORD");
        }
        return new ServerConfig(host, port, data, jdbcUrl, jdbcUser, jdbcPassword, demo,
                env.get("INVITATIONS_ADMIN_PASSWORD"), iterations, benchNoop,
                keystore == null ? null : Path.of(keystore), keystorePassword, logMessages);
    }

    /** The JDBC URL to use: the configured one, or embedded Derby on disk in the data folder. */
    public String effectiveJdbcUrl() {
        return jdbcUrl != null ? jdbcUrl : "jdbc:derby:" + dataDir.resolve("db").toAbsolutePath() + ";create=true";
    }

    public boolean embeddedDerby() {
        return effectiveJdbcUrl().startsWith("jdbc:derby:");
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, dataDir, jdbcUrl, jdbcUser, jdbcPassword, demo, adminPassword,
                passwordIterations, benchNoop, tlsKeystore, tlsKeystorePassword, logMessages);
    }

    private static String value(String arg) {
        return arg.substring(arg.indexOf('=') + 1);
    }
}
