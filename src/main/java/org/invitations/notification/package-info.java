/**
 * Telling external people about a meeting: the confirmation e-mail with its iCalendar invitation, the
 * SMTP relay that sends it, and the SMS gateway. Plain value records in, so the services map their
 * entities to {@link org.invitations.notification.MeetingSnapshot} and nothing here touches a session.
 */
package org.invitations.notification;
