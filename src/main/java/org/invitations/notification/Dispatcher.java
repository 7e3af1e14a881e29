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
    private static final int BATCH = 32;

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
            while (round() > 0) {
                // deliver everything that is due before waiting for the next poll
            }
        } catch (RuntimeException e) {
            // the database may be away for a moment; the next poll tries again
            LOG.warn("Outbox round failed: {}", e.getMessage());
        }
    }

    /** One round: claim, deliver, record. Returns how many items it delivered or gave a try. */
    int round() {
        List<Long> claimed = claim();
        List<Future<?>> running = new ArrayList<>();
        for (Long id : claimed) {
            running.add(workers.submit(() -> deliver(id)));
        }
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.warn("Delivery failed unexpectedly: {}", e.getCause().toString());
            }
        }
        return claimed.size();
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

    private void deliver(long id) {
        OutboxItem item = sessionFactory.fromSession(session -> session.find(OutboxItem.class, id));
        DeliveryFailed failure = null;
        Channel channel = channels.get(item.getKind());
        try {
            if (channel == null) {
                throw DeliveryFailed.retryable("no " + item.getKind() + " channel is configured", 0, null);
            }
            channel.deliver(item);
        } catch (DeliveryFailed e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = DeliveryFailed.retryable(e.toString(), 0, e);
        }
        DeliveryFailed outcome = failure;
        sessionFactory.inTransaction(session -> {
            OutboxItem current = session.find(OutboxItem.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            if (current == null || !node.equals(current.leaseOwnerForDispatcher())) {
                return; // the lease ran out and another node has it now; its outcome counts
            }
            Instant now = clock.instant();
            if (outcome == null) {
                current.delivered(now);
            } else {
                current.failed(outcome.getMessage(), backoff(current.getAttempts() + 1), policy.maxAge(),
                        !outcome.retryable(), now);
                LOG.info("Delivery {} to {} failed (try {}): {}", id, current.getDestination(),
                        current.getAttempts(), outcome.getMessage());
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
