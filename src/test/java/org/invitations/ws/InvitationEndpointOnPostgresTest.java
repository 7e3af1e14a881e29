package org.invitations.ws;

import org.invitations.support.OnPostgres;

/** {@link InvitationEndpointTest}, every test of it, on PostgreSQL. */
@OnPostgres
class InvitationEndpointOnPostgresTest extends InvitationEndpointTest {
}
