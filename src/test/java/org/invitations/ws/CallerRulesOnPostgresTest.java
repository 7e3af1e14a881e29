package org.invitations.ws;

import org.invitations.support.OnPostgres;

/** {@link CallerRulesTest}, every test of it, on PostgreSQL. */
@OnPostgres
class CallerRulesOnPostgresTest extends CallerRulesTest {
}
