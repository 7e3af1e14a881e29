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
 * @param replyAddress where a person's answers go (the Reply-To of confirmations), e.g. the mailbox an
 *                     integration's mail gateway reads and hands to ProcessCalendarReply; null: the owner's
 *                     address
 */
public record NotificationSettings(SmtpRelay.Settings smtp, SmsGateway.Settings sms, String mailFrom, String uidDomain,
                                   Delivery delivery, WebhookTargets webhookTargets, String replyAddress) {

    /** No relay, no gateway, the default policy, webhooks to public addresses only, replies to the owner. */
    public static final NotificationSettings DEFAULT = new NotificationSettings(null, null,
            "invitations@localhost", "invitations.local", Delivery.DEFAULT, WebhookTargets.PUBLIC_ONLY, null);

    public NotificationSettings(SmtpRelay.Settings smtp, SmsGateway.Settings sms, String mailFrom, String uidDomain,
                                Delivery delivery, WebhookTargets webhookTargets) {
        this(smtp, sms, mailFrom, uidDomain, delivery, webhookTargets, null);
    }

    public NotificationSettings {
        replyAddress = replyAddress == null || replyAddress.isBlank() ? null : replyAddress.strip();
        if (replyAddress != null) {
            try {
                jakarta.mail.internet.InternetAddress parsed = new jakarta.mail.internet.InternetAddress(replyAddress, true);
                if (!replyAddress.equals(parsed.getAddress()) || !replyAddress.contains("@")) {
                    throw new jakarta.mail.internet.AddressException("not a plain address");
                }
            } catch (jakarta.mail.internet.AddressException e) {
                throw new IllegalArgumentException("the reply address must be a plain e-mail address"
                        + " (e.g. replies@invitations.example.com): " + replyAddress);
            }
        }
    }

    /** Answers go to {@code address} (null: to the owner). */
    public NotificationSettings withReplyAddress(String address) {
        return new NotificationSettings(smtp, sms, mailFrom, uidDomain, delivery, webhookTargets, address);
    }

    public NotificationSettings withSmtp(SmtpRelay.Settings value) {
        return new NotificationSettings(value, sms, mailFrom, uidDomain, delivery, webhookTargets, replyAddress);
    }

    public NotificationSettings withSms(SmsGateway.Settings value) {
        return new NotificationSettings(smtp, value, mailFrom, uidDomain, delivery, webhookTargets, replyAddress);
    }

    public NotificationSettings withMail(String from, String domain) {
        return new NotificationSettings(smtp, sms, from, domain, delivery, webhookTargets, replyAddress);
    }

    public NotificationSettings withDelivery(Delivery value) {
        return new NotificationSettings(smtp, sms, mailFrom, uidDomain, value, webhookTargets, replyAddress);
    }

    public NotificationSettings withWebhookTargets(WebhookTargets value) {
        return new NotificationSettings(smtp, sms, mailFrom, uidDomain, delivery, value, replyAddress);
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
