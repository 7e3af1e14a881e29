package org.invitations.ws;

import org.invitations.support.OnPostgres;

/** {@link RoomPolicyEndpointTest} on PostgreSQL: the same rules, refusals and races. */
@OnPostgres
class RoomPolicyEndpointOnPostgresTest extends RoomPolicyEndpointTest {
}
