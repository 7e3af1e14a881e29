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
 * Posts an event to its webhook, signed with the webhook's secret (see {@link Signature}). A 2xx answer
 * is delivered; 408, 429, 5xx, a timeout or a broken connection are tried again; other 4xx are final.
 */
final class WebhookChannel implements Channel {

    private final HttpClient http;
    private final SessionFactory sessionFactory;
    private final Clock clock;
    private final Duration timeout;

    WebhookChannel(SessionFactory sessionFactory, Clock clock, Duration timeout) {
        this.sessionFactory = sessionFactory;
        this.clock = clock;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public void deliver(OutboxItem item) throws DeliveryFailed {
        Webhook webhook = sessionFactory.fromSession(session -> session.find(Webhook.class, item.getWebhookId()));
        if (webhook == null || webhook.isRemoved()) {
            throw DeliveryFailed.permanent("the webhook was removed", 0, null);
        }
        String body = item.getPayload();
        HttpRequest request = HttpRequest.newBuilder(URI.create(webhook.getUrl()))
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
            throw DeliveryFailed.retryable(e.getClass().getSimpleName() + ": " + e.getMessage(), 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryFailed.retryable("interrupted while delivering", 0, e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            String message = "HTTP " + status + " from " + webhook.getUrl();
            throw status / 100 == 4 && status != 408 && status != 429
                    ? DeliveryFailed.permanent(message, status, null) : DeliveryFailed.retryable(message, status, null);
        }
    }
}
