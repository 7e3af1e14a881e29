package org.invitations.ws;

import org.invitations.support.OnPostgres;

/** {@link DatesEndpointTest}, every test of it, on PostgreSQL. */
@OnPostgres
class DatesEndpointOnPostgresTest extends DatesEndpointTest {
}
