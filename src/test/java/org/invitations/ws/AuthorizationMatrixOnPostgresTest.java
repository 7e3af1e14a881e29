package org.invitations.ws;

import org.invitations.support.OnPostgres;

/** {@link AuthorizationMatrixTest}, every test of it, on PostgreSQL. */
@OnPostgres
class AuthorizationMatrixOnPostgresTest extends AuthorizationMatrixTest {
}
