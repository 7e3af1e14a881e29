package org.invitations.ws;

import org.invitations.support.OnPostgres;

/** {@link SeriesAnswersEndpointTest}, every test of it, on PostgreSQL. */
@OnPostgres
class SeriesAnswersEndpointOnPostgresTest extends SeriesAnswersEndpointTest {
}
