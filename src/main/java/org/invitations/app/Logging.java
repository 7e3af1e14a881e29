package org.invitations.app;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * One logging backend: the service and its libraries log through SLF4J to Logback, configured in
 * {@code logback.xml}. Libraries that log elsewhere are routed there: java.util.logging (Liquibase,
 * parts of CXF) through the SLF4J bridge, and Hibernate's jboss-logging by its provider property.
 * Derby keeps writing its own {@code derby.log} in the data folder.
 */
final class Logging {

    /** The system property (or else environment variable) that chooses Logback's console encoder. */
    static final String FORMAT = "INVITATIONS_LOG_FORMAT";

    private static boolean set;

    private Logging() {
    }

    /** Idempotent; before the first log line, so that the format and the routes hold from the start. */
    static synchronized void setUp() {
        if (set) {
            return;
        }
        set = true;
        setIfAbsent("org.jboss.logging.provider", "slf4j");
        // Liquibase: no banner, no analytics; its console messages go to its log (see Database.migrate).
        setIfAbsent("liquibase.showBanner", "false");
        setIfAbsent("liquibase.analytics.enabled", "false");
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }

    /** {@code plain} or {@code json}; only effective before the first log line. */
    static void setUp(CommandLineOptions.LogFormat format) {
        System.setProperty(FORMAT, format.name());
        setUp();
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
