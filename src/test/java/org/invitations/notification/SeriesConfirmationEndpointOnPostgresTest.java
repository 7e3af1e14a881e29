package org.invitations.notification;

import org.invitations.support.OnPostgres;

/** {@link SeriesConfirmationEndpointTest}, every test of it, on PostgreSQL. */
@OnPostgres
class SeriesConfirmationEndpointOnPostgresTest extends SeriesConfirmationEndpointTest {
}
