package org.invitations.ws;

import org.invitations.support.OnPostgres;

/** {@link AvailabilityEndpointTest}, every test of it, on PostgreSQL. */
@OnPostgres
class AvailabilityEndpointOnPostgresTest extends AvailabilityEndpointTest {
}
