package org.invitations.notification;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Delivers one outbox item of one kind. {@link #deliver} starts a try and returns at once; the future
 * completes when the receiver took the item, or exceptionally with a {@link DeliveryFailed}, and no
 * later than {@code deadline} (connect, answer and its body included): a slow receiver holds only its
 * own item, never the thread that starts the others.
 */
@FunctionalInterface
interface Channel {

    CompletableFuture<Void> deliver(OutboxItem item, Duration deadline);
}
