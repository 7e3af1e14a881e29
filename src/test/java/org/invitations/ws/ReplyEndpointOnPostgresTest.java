package org.invitations.ws;

import org.invitations.support.OnPostgres;

/** {@link ReplyEndpointTest}, every test of it, on PostgreSQL. */
@OnPostgres
class ReplyEndpointOnPostgresTest extends ReplyEndpointTest {
}
