package org.invitations.ws;

import org.invitations.support.OnPostgres;

/** {@link HostileInputTest}, every test of it, on PostgreSQL. */
@OnPostgres
class HostileInputOnPostgresTest extends HostileInputTest {
}
