package org.invitations.notification;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP exchange with an outside receiver under one deadline that covers the connection, the
 * answer's headers and its body, and with a cap on the bytes of the body kept and read.
 * {@link HttpClient}'s own request timeout ends at the headers, so a receiver that answers 200 and
 * then trickles its body would otherwise hold the try for as long as it likes. At the deadline the
 * exchange is cancelled (its connection closed) and the answer fails with an
 * {@link HttpTimeoutException} "timed out after ...". Nothing blocks a thread while it waits.
 */
final class BoundedAnswer {

    /** Bytes of an answer body read at most; the rest is not read (the connection is closed). */
    static final int MAX_BODY_BYTES = 64 * 1024;

    /** What the receiver answered: its status and the first {@link #MAX_BODY_BYTES} of its body. */
    record Answer(int status, String body) {
    }

    private BoundedAnswer() {
    }

    static CompletableFuture<Answer> send(HttpClient client, HttpRequest request, Duration deadline) {
        CappedBody body = new CappedBody(MAX_BODY_BYTES);
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request, info -> body);
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        exchange.whenComplete((response, failure) -> {
            if (failure != null) {
                answer.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            } else {
                answer.complete(new Answer(response.statusCode(),
                        new String(response.body(), StandardCharsets.UTF_8)));
            }
        });
        CompletableFuture.delayedExecutor(deadline.toMillis(), TimeUnit.MILLISECONDS, Runnable::run).execute(() -> {
            if (answer.completeExceptionally(new HttpTimeoutException("timed out after " + text(deadline)))) {
                body.cancel();
                exchange.cancel(true);
            }
        });
        // whoever cancels the answer (the dispatcher at its own deadline) ends the exchange as well
        answer.whenComplete((a, failure) -> {
            if (answer.isCancelled()) {
                body.cancel();
                exchange.cancel(true);
            }
        });
        return answer;
    }

    /** A duration as an operator wrote it: 10s, 1500ms. */
    static String text(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /** Keeps the first {@code cap} bytes; past them it stops reading and the body is what it kept. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final int cap;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;
        private volatile boolean cancelled;

        CappedBody(int cap) {
            this.cap = cap;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription value) {
            subscription = value;
            if (cancelled) {
                value.cancel();
            } else {
                value.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            synchronized (kept) {
                for (ByteBuffer buffer : buffers) {
                    int room = cap - kept.size();
                    int take = Math.min(room, buffer.remaining());
                    byte[] bytes = new byte[take];
                    buffer.get(bytes);
                    kept.write(bytes, 0, take);
                    if (buffer.hasRemaining()) {
                        cancel();
                        result.complete(kept.toByteArray());
                        return;
                    }
                }
            }
        }

        @Override
        public void onError(Throwable failure) {
            result.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            synchronized (kept) {
                result.complete(kept.toByteArray());
            }
        }

        void cancel() {
            cancelled = true;
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
        }
    }
}
