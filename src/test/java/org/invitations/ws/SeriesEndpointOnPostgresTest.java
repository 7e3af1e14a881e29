package org.invitations.ws;

import org.invitations.support.OnPostgres;

/** {@link SeriesEndpointTest}, every test of it, on PostgreSQL. */
@OnPostgres
class SeriesEndpointOnPostgresTest extends SeriesEndpointTest {
}
