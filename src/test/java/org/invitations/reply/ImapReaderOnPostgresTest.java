package org.invitations.reply;

import org.invitations.support.OnPostgres;

/** {@link ImapReaderTest}, every test of it, on PostgreSQL. */
@OnPostgres
class ImapReaderOnPostgresTest extends ImapReaderTest {
}
