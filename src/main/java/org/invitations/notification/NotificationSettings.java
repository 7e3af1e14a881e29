package org.invitations.notification;

import java.time.Duration;

/**
 * How confirmations, SMS and events leave the service: the SMTP relay and the SMS gateway (each absent
 * when not configured), and the delivery policy. Immutable; built once from the command line.
 *
 * @param smtp      the relay the service sends confirmations through; null keeps them for the owner's
 *                  client (GetConfirmationMessages)
 * @param sms       the HTTP SMS gateway; null refuses sendSms
 * @param mailFrom  the From address of confirmations
 * @param uidDomain the right-hand side of each appointment's iCalendar UID, stable for the service
 * @param delivery  how often and how long deliveries are tried
 * @param webhookTargets where webhooks may point: public addresses, and what the operator allows
 */
public record NotificationSettings(SmtpRelay.Settings smtp, SmsGateway.Settings sms, String mailFrom, String uidDomain,
                                   Delivery delivery, WebhookTargets webhookTargets) {

    /** No relay, no gateway, the default policy, webhooks to public addresses only. */
    public static final NotificationSettings DEFAULT = new NotificationSettings(null, null,
            "invitations@localhost", "invitations.local", Delivery.DEFAULT, WebhookTargets.PUBLIC_ONLY);

    public NotificationSettings withSmtp(SmtpRelay.Settings value) {
        return new NotificationSettings(value, sms, mailFrom, uidDomain, delivery, webhookTargets);
    }

    public NotificationSettings withSms(SmsGateway.Settings value) {
        return new NotificationSettings(smtp, value, mailFrom, uidDomain, delivery, webhookTargets);
    }

    public NotificationSettings withMail(String from, String domain) {
        return new NotificationSettings(smtp, sms, from, domain, delivery, webhookTargets);
    }

    public NotificationSettings withDelivery(Delivery value) {
        return new NotificationSettings(smtp, sms, mailFrom, uidDomain, value, webhookTargets);
    }

    public NotificationSettings withWebhookTargets(WebhookTargets value) {
        return new NotificationSettings(smtp, sms, mailFrom, uidDomain, delivery, value);
    }

    /**
     * The delivery policy.
     *
     * @param poll       how often a node looks for due items
     * @param firstRetry the wait after a first failure; it doubles with each failure, with jitter
     * @param maxRetry   the longest wait between two tries
     * @param maxAge     an item older than this is given up on (DEAD), listable and resendable
     * @param timeout    how long one try may take: connect, the answer and its body (of which at most
     *                   64 KiB are read), one deadline for all of them; a try still running then is
     *                   cancelled and tried again later
     * @param threads    tries one node makes at once to one destination (a webhook, the SMTP relay, the
     *                   SMS gateway); other destinations do not wait for them
     */
    public record Delivery(Duration poll, Duration firstRetry, Duration maxRetry, Duration maxAge, Duration timeout,
                           int threads) {

        public static final Delivery DEFAULT = new Delivery(Duration.ofMillis(250), Duration.ofSeconds(2),
                Duration.ofMinutes(10), Duration.ofHours(24), Duration.ofSeconds(10), 4);

        /**
         * A node that died while delivering is taken over after this. A try starts when its item is
         * claimed and ends by the timeout (plus a second's grace), so a living node records its
         * outcome long before its lease runs out.
         */
        Duration lease() {
            return timeout.multipliedBy(3).plusSeconds(5);
        }
    }
}
