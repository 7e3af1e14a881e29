package org.invitations.notification;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.hibernate.SessionFactory;

/**
 * Posts an event to its webhook, signed with the webhook's secret (see {@link Signature}). A 2xx answer
 * is delivered; 408, 429, 5xx, a timeout or a broken connection are tried again; other 4xx are final.
 * The whole exchange, the answer's body included, ends at the try's deadline (see {@link BoundedAnswer});
 * the body itself is not kept.
 */
final class WebhookChannel implements Channel {

    private final HttpClient http;
    private final SessionFactory sessionFactory;
    private final Clock clock;

    WebhookChannel(SessionFactory sessionFactory, Clock clock, Duration timeout) {
        this.sessionFactory = sessionFactory;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public CompletableFuture<Void> deliver(OutboxItem item, Duration deadline) {
        Webhook webhook = sessionFactory.fromSession(session -> session.find(Webhook.class, item.getWebhookId()));
        if (webhook == null || webhook.isRemoved()) {
            return CompletableFuture.failedFuture(DeliveryFailed.permanent("the webhook was removed", 0, null));
        }
        String body = item.getPayload();
        HttpRequest request = HttpRequest.newBuilder(URI.create(webhook.getUrl()))
                .timeout(deadline)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "invitations-service")
                .header("X-Invitations-Event-Id", item.getEventId())
                .header("X-Invitations-Event-Type", item.getEventType())
                .header(Signature.HEADER, Signature.header(webhook.getSecret(), clock.instant().getEpochSecond(), body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        CompletableFuture<BoundedAnswer.Answer> answer = BoundedAnswer.send(http, request, deadline);
        CompletableFuture<Void> delivered = answer.handle((response, failure) -> {
            if (failure != null) {
                throw new CompletionException(failure instanceof HttpTimeoutException
                        ? DeliveryFailed.retryable("timed out after " + BoundedAnswer.text(deadline), 0, failure)
                        : DeliveryFailed.retryable(failure.getClass().getSimpleName() + ": " + failure.getMessage(), 0,
                        failure));
            }
            int status = response.status();
            if (status / 100 != 2) {
                String message = "HTTP " + status + " from " + webhook.getUrl();
                throw new CompletionException(status / 100 == 4 && status != 408 && status != 429
                        ? DeliveryFailed.permanent(message, status, null)
                        : DeliveryFailed.retryable(message, status, null));
            }
            return null;
        });
        delivered.whenComplete((v, failure) -> {
            if (delivered.isCancelled()) {
                answer.cancel(true);
            }
        });
        return delivered;
    }
}
