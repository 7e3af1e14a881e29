package org.invitations.ws;

import org.invitations.support.OnPostgres;

/** {@link AnsweringEndpointTest}, every test of it, on PostgreSQL. */
@OnPostgres
class AnsweringEndpointOnPostgresTest extends AnsweringEndpointTest {
}
