package org.invitations.ws;

import org.invitations.support.OnPostgres;

/** {@link LoginThrottleEndpointTest}, every test of it, on PostgreSQL. */
@OnPostgres
class LoginThrottleEndpointOnPostgresTest extends LoginThrottleEndpointTest {
}
