package org.invitations.ws;

import org.invitations.support.OnPostgres;

/** {@link ViewsEndpointTest}, every test of it, on PostgreSQL. */
@OnPostgres
class ViewsEndpointOnPostgresTest extends ViewsEndpointTest {
}
