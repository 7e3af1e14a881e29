/**
 * What a change tells the world: the transactional outbox ({@link org.invitations.notification.Outbox},
 * written in the change's own session and transaction), the {@link org.invitations.notification.Dispatcher}
 * that delivers its items after commit in sessions of its own (leases, backoff, order per appointment),
 * webhooks and their signature, meeting confirmations (MIME and iCalendar) sent through the SMTP relay,
 * the SMS gateway, and the service behind the notification operations. The messages themselves are built
 * from plain values ({@link org.invitations.notification.MeetingSnapshot}), copied out of the appointment
 * while its transaction is open, so they can be sent after the session has closed.
 */
package org.invitations.notification;
