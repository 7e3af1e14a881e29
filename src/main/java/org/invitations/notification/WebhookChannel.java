package org.invitations.notification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.hibernate.SessionFactory;

/**
 * Posts an event to its webhook, signed with the webhook's secret (see {@link Signature}), after
 * {@link WebhookTargets} allowed every address the host resolves to now. A 2xx answer is delivered;
 * 408, 429, 5xx, a timeout or a broken connection are tried again; a redirect (not followed) and
 * other answers are final. The error kept for an ADMIN is "refused: ..." or "failed: ..." with the
 * HTTP status, never the receiver's body, and one text for every network failure: a refused
 * connection, a timeout and an unknown name look alike, so ListDeadDeliveries maps no network.
 */
final class WebhookChannel implements Channel {

    /** What every failure without an HTTP answer is kept as. */
    static final String NO_ANSWER = "failed: no answer";

    private final HttpClient http;
    private final SessionFactory sessionFactory;
    private final Clock clock;
    private final Duration timeout;
    private final WebhookTargets targets;

    WebhookChannel(SessionFactory sessionFactory, Clock clock, Duration timeout, WebhookTargets targets) {
        this.sessionFactory = sessionFactory;
        this.clock = clock;
        this.timeout = timeout;
        this.targets = targets;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public void deliver(OutboxItem item) throws DeliveryFailed {
        Webhook webhook = sessionFactory.fromSession(session -> session.find(Webhook.class, item.getWebhookId()));
        if (webhook == null || webhook.isRemoved()) {
            throw DeliveryFailed.permanent("the webhook was removed", 0, null);
        }
        URI url = URI.create(webhook.getUrl());
        targets.checkBeforeDelivery(url);
        String body = item.getPayload();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "invitations-service")
                .header("X-Invitations-Event-Id", item.getEventId())
                .header("X-Invitations-Event-Type", item.getEventType())
                .header(Signature.HEADER, Signature.header(webhook.getSecret(), clock.instant().getEpochSecond(), body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw DeliveryFailed.retryable(NO_ANSWER, 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryFailed.retryable("failed: interrupted while delivering", 0, e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            String message = "failed: HTTP " + status;
            if (status == 408 || status == 429 || status / 100 == 5) {
                throw DeliveryFailed.retryable(message, status, null);
            }
            throw DeliveryFailed.permanent(status / 100 == 3 ? message + " (redirects are not followed)" : message,
                    status, null);
        }
    }
}
