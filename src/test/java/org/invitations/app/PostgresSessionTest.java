package org.invitations.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The lock timeout goes into the PostgreSQL URL's start-up options, next to any the operator gave. */
class PostgresSessionTest {

    @Test
    void aUrlWithoutParametersGetsTheOptionsParameter() {
        assertEquals("jdbc:postgresql://db:5432/invitations?options=-c+lock_timeout%3D5s",
                PostgresSession.withOption("jdbc:postgresql://db:5432/invitations", "lock_timeout", "5s"));
    }

    @Test
    void otherParametersAreKept() {
        assertEquals("jdbc:postgresql://db/invitations?sslmode=require&ApplicationName=x"
                        + "&options=-c+lock_timeout%3D5s",
                PostgresSession.withOption("jdbc:postgresql://db/invitations?sslmode=require&ApplicationName=x",
                        "lock_timeout", "5s"));
    }

    @Test
    void theOperatorsOwnOptionsComeAfterAndWin() {
        assertEquals("jdbc:postgresql://db/invitations?options=-c+lock_timeout%3D5s+-c+search_path%3Dapp"
                        + "+-c+lock_timeout%3D9s&sslmode=require",
                PostgresSession.withOption("jdbc:postgresql://db/invitations"
                        + "?options=-c%20search_path%3Dapp%20-c%20lock_timeout%3D9s&sslmode=require",
                        "lock_timeout", "5s"));
    }

    @Test
    void onlyPostgresUrlsAreChanged() {
        assertTrue(PostgresSession.isPostgres("jdbc:postgresql://db/invitations"));
        assertFalse(PostgresSession.isPostgres("jdbc:derby:/srv/data/db;create=true"));
    }
}
