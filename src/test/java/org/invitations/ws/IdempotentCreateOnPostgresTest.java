package org.invitations.ws;

import org.invitations.support.OnPostgres;

/** {@link IdempotentCreateTest}, every test of it, on PostgreSQL. */
@OnPostgres
class IdempotentCreateOnPostgresTest extends IdempotentCreateTest {
}
