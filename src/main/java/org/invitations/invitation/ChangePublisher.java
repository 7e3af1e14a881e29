package org.invitations.invitation;

import org.hibernate.Session;

/**
 * What a change tells the world: events for integrations, meeting confirmations and SMS for external
 * persons. Called by the services inside the transaction of the change, with the appointment locked, so
 * what it writes (an outbox) commits or rolls back with the change and comes in the order of the changes.
 * The notification feature implements it; {@link #NONE} tells nobody.
 */
public interface ChangePublisher {

    /** Tells nobody, sends nothing; refuses SMS, since there is no gateway. */
    ChangePublisher NONE = new ChangePublisher() {
        @Override
        public void requireAvailable(SendOptions options, String field) {
            if (options.sms()) {
                throw new org.invitations.shared.InvalidRequest(field, SMS_NOT_IN_USE);
            }
        }

        @Override
        public SendReport publish(Session session, ChangeEvent change) {
            return SendReport.NONE;
        }
    };

    String SMS_NOT_IN_USE = "SMS is not in use: the service has no SMS gateway configured (--sms-url);"
            + " leave sendSms out or ask the operator to configure one";

    /** Refuses, before anything is written, what this service cannot send (SMS without a gateway). */
    void requireAvailable(SendOptions options, String field);

    /** Writes the event, and the confirmations and SMS asked for, in the caller's transaction. */
    SendReport publish(Session session, ChangeEvent change);
}
