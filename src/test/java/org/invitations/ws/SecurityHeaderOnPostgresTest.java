package org.invitations.ws;

import org.invitations.support.OnPostgres;

/** {@link SecurityHeaderTest}, every test of it, on PostgreSQL. */
@OnPostgres
class SecurityHeaderOnPostgresTest extends SecurityHeaderTest {
}
