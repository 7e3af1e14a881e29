package org.invitations.app;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * PostgreSQL session settings given in the JDBC URL's {@code options} parameter: the server applies
 * them when the connection starts, for the connection's whole life, without a statement and so without
 * a transaction. A {@code SET} run by the pool instead would leave each new connection "idle in
 * transaction" until its first use, and a rollback of that first transaction would undo it.
 */
final class PostgresSession {

    /** How the service's connections are named in {@code pg_stat_activity.application_name}. */
    static final String APPLICATION_NAME = "invitations-service";

    private static final String OPTIONS = "options=";

    private PostgresSession() {
    }

    static boolean isPostgres(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    /**
     * The URL with {@code -c name=value} in its {@code options} parameter, ahead of the options the URL
     * already has: a setting of the same name there comes later and wins.
     */
    static String withOption(String jdbcUrl, String name, String value) {
        String setting = "-c " + name + "=" + value;
        int query = jdbcUrl.indexOf('?');
        if (query < 0) {
            return jdbcUrl + "?" + OPTIONS + encode(setting);
        }
        String[] parameters = jdbcUrl.substring(query + 1).split("&", -1);
        boolean merged = false;
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i].startsWith(OPTIONS)) {
                String given = URLDecoder.decode(parameters[i].substring(OPTIONS.length()), StandardCharsets.UTF_8);
                parameters[i] = OPTIONS + encode(given.isBlank() ? setting : setting + " " + given);
                merged = true;
            }
        }
        String url = jdbcUrl.substring(0, query + 1) + String.join("&", parameters);
        return merged ? url : url + "&" + OPTIONS + encode(setting);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
