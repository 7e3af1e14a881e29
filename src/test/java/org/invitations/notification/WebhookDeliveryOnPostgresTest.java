package org.invitations.notification;

import org.invitations.support.OnPostgres;

/** The same deliveries with the outbox, its leases and its order on PostgreSQL. */
@OnPostgres
class WebhookDeliveryOnPostgresTest extends WebhookDeliveryTest {
}
