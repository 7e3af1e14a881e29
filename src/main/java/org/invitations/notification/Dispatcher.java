package org.invitations.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hibernate.SessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox after commit, on every node. Each round claims due items with a lease (a
 * conditional update, so two nodes never both take one) and starts a try of each at once; the outcome
 * of each try is recorded as soon as it is in, and frees its place for the next. An item waits while an
 * earlier item of the same appointment and destination is not yet delivered, which keeps the order per
 * appointment; a failed try is repeated after an exponentially growing wait with jitter, until the item
 * is older than the configured age and is marked DEAD. A node that dies while delivering leaves its
 * lease to run out, and another node delivers the item again: delivery is at least once, and the event
 * id lets receivers drop duplicates.
 *
 * <p>A slow, failing or hanging receiver delays only its own items: every try ends at the delivery
 * timeout (connect, answer and its body; a try still running then is cancelled and counts as a
 * retryable "timed out" failure), no round waits for a try, and one node runs at most
 * {@link NotificationSettings.Delivery#threads()} tries at once per destination (a webhook, the SMTP
 * relay, the SMS gateway), so the items of the others are claimed and sent meanwhile. A try starts when
 * its item is claimed and ends well inside the lease, so no other node takes over an item that is still
 * being tried.
 */
public final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    /** Tries one node has running at once, over all destinations. */
    private static final int BATCH = 200;
    /** How long after the deadline a channel that did not end its try itself is cut off. */
    private static final Duration GRACE = Duration.ofSeconds(1);

    private final SessionFactory sessionFactory;
    private final Clock clock;
    private final NotificationSettings.Delivery policy;
    private final Map<OutboxItem.Kind, Channel> channels;
    private final String node = "node-" + UUID.randomUUID();
    private final ScheduledExecutorService rounds;
    /** The items this node is trying now, with their destination; changed by the rounds thread only. */
    private final Map<Long, String> trying = new HashMap<>();
    /** Tries that ended, for the rounds thread to record. */
    private final Queue<Outcome> finished = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean woken = new AtomicBoolean();
    private volatile boolean closing;

    Dispatcher(SessionFactory sessionFactory, Clock clock, NotificationSettings.Delivery policy,
               Map<OutboxItem.Kind, Channel> channels) {
        this.sessionFactory = sessionFactory;
        this.clock = clock;
        this.policy = policy;
        this.channels = new EnumMap<>(channels);
        this.rounds = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "outbox-dispatcher"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Starts the rounds: one every poll interval, and one as soon as a try ended. */
    public void start() {
        rounds.scheduleWithFixedDelay(this::rounds, 0, policy.poll().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void rounds() {
        woken.set(false);
        try {
            int done;
            do {
                done = record() + (closing ? 0 : round()); // everything that is due, before the next poll
            } while (done > 0 && !closing);
        } catch (RuntimeException e) {
            // the database may be away for a moment; the next poll tries again
            LOG.warn("Outbox round failed: {}", e.getMessage());
        }
    }

    /** A try ended: record it (and claim what it held up) now rather than at the next poll. */
    private void wake() {
        if (woken.compareAndSet(false, true)) {
            try {
                rounds.execute(this::rounds);
            } catch (RejectedExecutionException closing) {
                // the node stops; the lease hands the item to another node or the next start
            }
        }
    }

    /**
     * One round: claims what is due and has room at its destination, and starts a try of each.
     * Returns how many tries it started.
     */
    int round() {
        int room = BATCH - trying.size();
        if (room <= 0) {
            return 0;
        }
        Map<String, Integer> busy = new HashMap<>();
        for (String destination : trying.values()) {
            busy.merge(destination, 1, Integer::sum);
        }
        List<OutboxItem> claimed = claim(room, busy);
        for (OutboxItem item : claimed) {
            start(item);
        }
        return claimed.size();
    }

    /** How one try ended: null failure means delivered. */
    private record Outcome(long id, DeliveryFailed failure) {
    }

    /** Where an item goes, as far as sharing out the tries is concerned. */
    private static String destination(OutboxItem.Kind kind, Long webhookId) {
        return kind == OutboxItem.Kind.WEBHOOK ? "webhook/" + webhookId : kind.name();
    }

    private List<OutboxItem> claim(int room, Map<String, Integer> busy) {
        int perDestination = policy.threads();
        List<OutboxItem.Kind> fullKinds = new ArrayList<>();
        List<Long> fullWebhooks = new ArrayList<>();
        busy.forEach((destination, count) -> {
            if (count >= perDestination) {
                if (destination.startsWith("webhook/")) {
                    fullWebhooks.add(Long.valueOf(destination.substring("webhook/".length())));
                } else {
                    fullKinds.add(OutboxItem.Kind.valueOf(destination));
                }
            }
        });
        Instant now = clock.instant();
        Instant until = now.plus(policy.lease());
        return sessionFactory.fromTransaction(session -> {
            var query = session.createSelectionQuery("""
                            select o.id, o.kind, o.webhookId from OutboxItem o
                            where o.state = :pending and o.nextAttemptAt <= :now
                              and (o.leaseUntil is null or o.leaseUntil < :now)
                              and not exists (select 1 from OutboxItem p where p.orderKey = o.orderKey
                                              and p.state = :pending and p.id < o.id)"""
                            + (fullKinds.isEmpty() ? "" : " and o.kind not in (:fullKinds)")
                            + (fullWebhooks.isEmpty() ? ""
                            : " and (o.webhookId is null or o.webhookId not in (:fullWebhooks))")
                            + " order by o.id", Object[].class)
                    .setParameter("pending", OutboxItem.State.PENDING)
                    .setParameter("now", now)
                    .setMaxResults(BATCH);
            if (!fullKinds.isEmpty()) {
                query.setParameterList("fullKinds", fullKinds);
            }
            if (!fullWebhooks.isEmpty()) {
                query.setParameterList("fullWebhooks", fullWebhooks);
            }
            Map<String, Integer> taking = new HashMap<>(busy);
            List<OutboxItem> mine = new ArrayList<>();
            for (Object[] due : query.getResultList()) {
                if (mine.size() >= room) {
                    break;
                }
                long id = (Long) due[0];
                String destination = destination((OutboxItem.Kind) due[1], (Long) due[2]);
                if (taking.getOrDefault(destination, 0) >= perDestination) {
                    continue; // left for a later round, when a try to it has ended
                }
                int taken = session.createMutationQuery("""
                                update OutboxItem o set o.leaseOwner = :node, o.leaseUntil = :until
                                where o.id = :id and o.state = :pending
                                  and (o.leaseUntil is null or o.leaseUntil < :now)""")
                        .setParameter("node", node)
                        .setParameter("until", until)
                        .setParameter("id", id)
                        .setParameter("pending", OutboxItem.State.PENDING)
                        .setParameter("now", now)
                        .executeUpdate();
                if (taken == 1) {
                    taking.merge(destination, 1, Integer::sum);
                    mine.add(session.find(OutboxItem.class, id));
                }
            }
            return mine;
        });
    }

    /**
     * Starts one try, which ends by the deadline whatever the channel does: one that has not ended its
     * try a moment after the deadline is cancelled and the try counts as timed out.
     */
    private void start(OutboxItem item) {
        long id = item.getId();
        trying.put(id, destination(item.getKind(), item.getWebhookId()));
        Duration deadline = policy.timeout();
        Channel channel = channels.get(item.getKind());
        CompletableFuture<Void> attempt;
        try {
            attempt = channel == null
                    ? CompletableFuture.failedFuture(DeliveryFailed.retryable(
                    "no " + item.getKind() + " channel is configured", 0, null))
                    : channel.deliver(item, deadline);
        } catch (RuntimeException e) {
            attempt = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        attempt.whenComplete((delivered, failure) -> outcome.complete(new Outcome(id, failure(failure))));
        CompletableFuture<Void> running = attempt;
        CompletableFuture.delayedExecutor(deadline.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS, Runnable::run)
                .execute(() -> {
                    if (outcome.complete(new Outcome(id, DeliveryFailed.retryable(
                            "failed: timed out after " + BoundedAnswer.text(deadline), 0, null)))) {
                        running.cancel(true);
                    }
                });
        outcome.thenAccept(ended -> {
            finished.add(ended);
            wake();
        });
    }

    private static DeliveryFailed failure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause == null) {
            return null;
        }
        if (cause instanceof DeliveryFailed failed) {
            return failed;
        }
        LOG.warn("Delivery failed unexpectedly: {}", cause.toString());
        return DeliveryFailed.retryable(cause.toString(), 0, cause);
    }

    /** Records the tries that ended; returns how many. */
    private int record() {
        List<Outcome> outcomes = new ArrayList<>();
        for (Outcome outcome = finished.poll(); outcome != null; outcome = finished.poll()) {
            trying.remove(outcome.id());
            outcomes.add(outcome);
        }
        if (!outcomes.isEmpty()) {
            record(outcomes);
        }
        return outcomes.size();
    }

    /**
     * Delivered, or tried again later, or dead; only for items this node still holds: when a lease ran
     * out and another node took the item over, that node's outcome counts.
     */
    private void record(List<Outcome> outcomes) {
        sessionFactory.inTransaction(session -> {
            Instant now = clock.instant();
            for (Outcome outcome : outcomes) {
                OutboxItem item = session.find(OutboxItem.class, outcome.id());
                if (item == null || !node.equals(item.leaseOwnerForDispatcher())) {
                    continue;
                }
                DeliveryFailed failure = outcome.failure();
                if (failure == null) {
                    item.delivered(now);
                } else {
                    item.failed(failure.getMessage(), backoff(item.getAttempts() + 1), policy.maxAge(),
                            !failure.retryable(), now);
                    if (item.getState() == OutboxItem.State.DEAD) {
                        LOG.warn("Delivery {} ({} to {}) given up after {} tries: {}", item.getId(), item.getKind(),
                                item.getDestination(), item.getAttempts(), failure.getMessage());
                    } else {
                        LOG.debug("Delivery {} to {} failed (try {}): {}", item.getId(), item.getDestination(),
                                item.getAttempts(), failure.getMessage());
                    }
                }
            }
        });
    }

    /** The wait before try {@code attempt + 1}: doubling from the first retry, capped, half of it random. */
    Duration backoff(int attempt) {
        long base = policy.firstRetry().toMillis();
        long capped = Math.min(policy.maxRetry().toMillis(), base << Math.min(attempt - 1, 30));
        long half = capped / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    @Override
    /**
     * Stops claiming and lets the round in progress end by itself: an interrupt would reach Derby inside
     * a statement, which then closes (and Hikari discards) the connection with a warning. A try still
     * running keeps its lease, which runs out for another node or the next start.
     */
    public void close() {
        closing = true;
        rounds.shutdown();
        try {
            if (!rounds.awaitTermination(5, TimeUnit.SECONDS)) {
                rounds.shutdownNow();
                rounds.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            rounds.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
