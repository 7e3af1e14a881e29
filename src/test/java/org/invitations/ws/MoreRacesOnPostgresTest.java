package org.invitations.ws;

import org.invitations.support.OnPostgres;

/** {@link MoreRacesTest}, every test of it, on PostgreSQL. */
@OnPostgres
class MoreRacesOnPostgresTest extends MoreRacesTest {
}
