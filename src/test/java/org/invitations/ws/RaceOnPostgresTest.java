package org.invitations.ws;

import org.invitations.support.OnPostgres;

/** {@link RaceTest}, every test of it, on PostgreSQL. */
@OnPostgres
class RaceOnPostgresTest extends RaceTest {
}
