package org.invitations.ws;

import org.invitations.support.OnPostgres;

/** {@link ProposalEndpointTest}, every test of it, on PostgreSQL. */
@OnPostgres
class ProposalEndpointOnPostgresTest extends ProposalEndpointTest {
}
