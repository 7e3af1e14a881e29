package org.invitations.ws;

import org.invitations.support.OnPostgres;

/** {@link TimeZoneEndpointTest}, every test of it, on PostgreSQL. */
@OnPostgres
class TimeZoneEndpointOnPostgresTest extends TimeZoneEndpointTest {
}
