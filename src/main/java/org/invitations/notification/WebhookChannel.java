package org.invitations.notification;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hibernate.SessionFactory;

/**
 * Posts an event to its webhook, signed with the webhook's secret (see {@link Signature}), after
 * {@link WebhookTargets} allowed every address the host resolves to now. A 2xx answer is delivered;
 * 408, 429, 5xx, a timeout or a broken connection are tried again; a redirect (not followed) and
 * other answers are final. The error kept for an ADMIN is "refused: ..." or "failed: ..." with the
 * HTTP status, never the receiver's body, and one text for every network failure: a refused
 * connection and an unknown name look alike, so ListDeadDeliveries maps no network. The whole
 * exchange, the host's lookup and the answer's body included, ends at the try's deadline (see
 * {@link BoundedAnswer}); the body itself is not kept.
 */
final class WebhookChannel implements Channel {

    /** What every failure without an HTTP answer is kept as. */
    static final String NO_ANSWER = "failed: no answer";

    private final HttpClient http;
    private final SessionFactory sessionFactory;
    private final Clock clock;
    private final WebhookTargets targets;
    /** The host's lookup blocks: off the dispatcher's thread, which only starts tries. */
    private final ExecutorService lookups = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "webhook-lookup");
        thread.setDaemon(true);
        return thread;
    });

    WebhookChannel(SessionFactory sessionFactory, Clock clock, Duration timeout, WebhookTargets targets) {
        this.sessionFactory = sessionFactory;
        this.clock = clock;
        this.targets = targets;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public CompletableFuture<Void> deliver(OutboxItem item, Duration deadline) {
        Webhook webhook = sessionFactory.fromSession(session -> session.find(Webhook.class, item.getWebhookId()));
        if (webhook == null || webhook.isRemoved()) {
            return CompletableFuture.failedFuture(DeliveryFailed.permanent("the webhook was removed", 0, null));
        }
        URI url = URI.create(webhook.getUrl());
        String body = item.getPayload();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(deadline)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "invitations-service")
                .header("X-Invitations-Event-Id", item.getEventId())
                .header("X-Invitations-Event-Type", item.getEventType())
                .header(Signature.HEADER, Signature.header(webhook.getSecret(), clock.instant().getEpochSecond(), body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        CompletableFuture<Void> allowed = CompletableFuture.runAsync(() -> {
            try {
                targets.checkBeforeDelivery(url);
            } catch (DeliveryFailed refused) {
                throw new CompletionException(refused);
            }
        }, lookups);
        CompletableFuture<BoundedAnswer.Answer> answer = allowed.thenCompose(
                checked -> BoundedAnswer.send(http, request, deadline));
        CompletableFuture<Void> delivered = answer.handle((response, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (cause instanceof DeliveryFailed refused) {
                    throw new CompletionException(refused);
                }
                throw new CompletionException(cause instanceof HttpTimeoutException
                        ? DeliveryFailed.retryable("failed: timed out after " + BoundedAnswer.text(deadline), 0, cause)
                        : DeliveryFailed.retryable(NO_ANSWER, 0, cause));
            }
            int status = response.status();
            if (status / 100 != 2) {
                String message = "failed: HTTP " + status;
                if (status == 408 || status == 429 || status / 100 == 5) {
                    throw new CompletionException(DeliveryFailed.retryable(message, status, null));
                }
                throw new CompletionException(DeliveryFailed.permanent(
                        status / 100 == 3 ? message + " (redirects are not followed)" : message, status, null));
            }
            return null;
        });
        delivered.whenComplete((v, failure) -> {
            if (delivered.isCancelled()) {
                answer.cancel(true);
                allowed.cancel(true);
            }
        });
        return delivered;
    }
}
