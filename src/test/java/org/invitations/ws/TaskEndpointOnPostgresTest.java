package org.invitations.ws;

import org.invitations.support.OnPostgres;

/** {@link TaskEndpointTest}, every test of it, on PostgreSQL. */
@OnPostgres
class TaskEndpointOnPostgresTest extends TaskEndpointTest {
}
