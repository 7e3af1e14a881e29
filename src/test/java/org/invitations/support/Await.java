package org.invitations.support;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Waits for a condition that another process or thread makes true (a delivery arriving, a state
 * reached), checking it every 10 ms up to a bound, and fails with what was seen. Not a fixed wait: it
 * returns as soon as the condition holds.
 */
public final class Await {

    private Await() {
    }

    public static void until(Duration bound, Callable<Boolean> condition, Supplier<String> seen) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!Boolean.TRUE.equals(condition.call())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + bound + ": " + seen.get());
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }
}
