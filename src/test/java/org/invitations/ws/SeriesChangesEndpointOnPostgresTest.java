package org.invitations.ws;

import org.invitations.support.OnPostgres;

/** {@link SeriesChangesEndpointTest}, every test of it, on PostgreSQL. */
@OnPostgres
class SeriesChangesEndpointOnPostgresTest extends SeriesChangesEndpointTest {
}
