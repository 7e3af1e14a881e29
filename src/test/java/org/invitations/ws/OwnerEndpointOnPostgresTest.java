package org.invitations.ws;

import org.invitations.support.OnPostgres;

/** {@link OwnerEndpointTest}, every test of it, on PostgreSQL. */
@OnPostgres
class OwnerEndpointOnPostgresTest extends OwnerEndpointTest {
}
