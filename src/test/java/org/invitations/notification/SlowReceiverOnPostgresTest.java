package org.invitations.notification;

import org.invitations.support.OnPostgres;

/** The same trickling receiver with the outbox, its leases and its claims on PostgreSQL, and two nodes delivering. */
@OnPostgres
class SlowReceiverOnPostgresTest extends SlowReceiverTest {
}
