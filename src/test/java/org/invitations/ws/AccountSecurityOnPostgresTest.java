package org.invitations.ws;

import org.invitations.support.OnPostgres;

/** {@link AccountSecurityTest}, every test of it, on PostgreSQL. */
@OnPostgres
class AccountSecurityOnPostgresTest extends AccountSecurityTest {
}
