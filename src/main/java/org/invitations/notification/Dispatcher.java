package org.invitations.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.hibernate.SessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox after commit, on every node. Each round claims due items with a lease (a
 * conditional update, so two nodes never both take one), delivers them a few at a time, and records
 * the outcome. An item waits while an earlier item of the same appointment and destination is not yet
 * delivered, which keeps the order per appointment; a failed try is repeated after an exponentially
 * growing wait with jitter, until the item is older than the configured age and is marked DEAD. A node
 * that dies while delivering leaves its lease to run out, and another node delivers the item again:
 * delivery is at least once, and the event id lets receivers drop duplicates.
 */
public final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final int BATCH = 200;

    private final SessionFactory sessionFactory;
    private final Clock clock;
    private final NotificationSettings.Delivery policy;
    private final Map<OutboxItem.Kind, Channel> channels;
    private final String node = "node-" + UUID.randomUUID();
    private final ScheduledExecutorService rounds;
    private final ExecutorService workers;

    Dispatcher(SessionFactory sessionFactory, Clock clock, NotificationSettings.Delivery policy,
               Map<OutboxItem.Kind, Channel> channels) {
        this.sessionFactory = sessionFactory;
        this.clock = clock;
        this.policy = policy;
        this.channels = new EnumMap<>(channels);
        this.rounds = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "outbox-dispatcher"));
        this.workers = Executors.newFixedThreadPool(policy.threads(), r -> daemon(r, "outbox-delivery"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Starts the rounds: one every poll interval, each running until nothing is due. */
    public void start() {
        rounds.scheduleWithFixedDelay(this::rounds, 0, policy.poll().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void rounds() {
        try {
            int tried;
            do {
                tried = round(); // everything that is due, before waiting for the next poll
            } while (tried > 0);
        } catch (RuntimeException e) {
            // the database may be away for a moment; the next poll tries again
            LOG.warn("Outbox round failed: {}", e.getMessage());
        }
    }

    /**
     * One round: claim, deliver at once (a few at a time), then record every outcome in one transaction.
     * Returns how many items it tried.
     */
    int round() {
        List<Long> claimed = claim();
        if (claimed.isEmpty()) {
            return 0;
        }
        List<Future<Outcome>> running = new ArrayList<>();
        for (Long id : claimed) {
            running.add(workers.submit(() -> deliver(id)));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> future : running) {
            try {
                outcomes.add(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.warn("Delivery failed unexpectedly: {}", e.getCause().toString());
            }
        }
        record(outcomes);
        return claimed.size();
    }

    /** How one try ended: null failure means delivered. */
    private record Outcome(long id, DeliveryFailed failure) {
    }

    private List<Long> claim() {
        Instant now = clock.instant();
        Instant until = now.plus(policy.lease());
        return sessionFactory.fromTransaction(session -> {
            List<Long> due = session.createSelectionQuery("""
                            select o.id from OutboxItem o
                            where o.state = :pending and o.nextAttemptAt <= :now
                              and (o.leaseUntil is null or o.leaseUntil < :now)
                              and not exists (select 1 from OutboxItem p where p.orderKey = o.orderKey
                                              and p.state = :pending and p.id < o.id)
                            order by o.id""", Long.class)
                    .setParameter("pending", OutboxItem.State.PENDING)
                    .setParameter("now", now)
                    .setMaxResults(BATCH)
                    .getResultList();
            List<Long> mine = new ArrayList<>();
            for (Long id : due) {
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
                    mine.add(id);
                }
            }
            return mine;
        });
    }

    private Outcome deliver(long id) {
        OutboxItem item = sessionFactory.fromSession(session -> session.find(OutboxItem.class, id));
        Channel channel = channels.get(item.getKind());
        try {
            if (channel == null) {
                throw DeliveryFailed.retryable("no " + item.getKind() + " channel is configured", 0, null);
            }
            channel.deliver(item);
            return new Outcome(id, null);
        } catch (DeliveryFailed e) {
            return new Outcome(id, e);
        } catch (RuntimeException e) {
            return new Outcome(id, DeliveryFailed.retryable(e.toString(), 0, e));
        }
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
    public void close() {
        rounds.shutdownNow();
        workers.shutdownNow();
        try {
            rounds.awaitTermination(5, TimeUnit.SECONDS);
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
