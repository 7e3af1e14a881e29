package org.invitations.ws;

import org.invitations.support.OnPostgres;

/** {@link RawXmlClientTest}, every test of it, on PostgreSQL. */
@OnPostgres
class RawXmlClientOnPostgresTest extends RawXmlClientTest {
}
