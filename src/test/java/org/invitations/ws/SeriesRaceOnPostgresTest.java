package org.invitations.ws;

import org.invitations.support.OnPostgres;

/** {@link SeriesRaceTest}, every race of it, on PostgreSQL. */
@OnPostgres
class SeriesRaceOnPostgresTest extends SeriesRaceTest {
}
