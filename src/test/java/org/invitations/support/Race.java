package org.invitations.support;

import jakarta.xml.ws.soap.SOAPFaultException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * Real parallel SOAP calls: every call waits at one gate and all are let go together. Each call's
 * outcome is recorded by kind (OK, the declared fault's name, {@code soap:Server}, or a transport
 * error) with the longest call, so that a test can assert "no raw server fault" and a bound on time.
 */
public final class Race {

    /** One call; may throw the generated fault classes or SOAPFaultException. */
    @FunctionalInterface
    public interface Call {
        Object run() throws Exception;
    }

    private final List<Call> calls = new ArrayList<>();
    private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    private final LongAccumulator longestNanos = new LongAccumulator(Math::max, 0);
    private final Map<Integer, String> outcomeOfCall = new ConcurrentHashMap<>();

    public Race add(Call call) {
        calls.add(call);
        return this;
    }

    public Race add(int times, Call call) {
        for (int i = 0; i < times; i++) {
            calls.add(call);
        }
        return this;
    }

    /** Runs every call at once (one thread each) and waits for all of them, at most {@code limit}. */
    public Race run(Duration limit) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(calls.size());
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < calls.size(); i++) {
                int index = i;
                Call call = calls.get(i);
                futures.add(threads.submit(() -> {
                    gate.await();
                    long started = System.nanoTime();
                    String outcome = outcome(call);
                    longestNanos.accumulate(System.nanoTime() - started);
                    outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
                    outcomeOfCall.put(index, outcome);
                    return null;
                }));
            }
            gate.countDown();
            long deadline = System.nanoTime() + limit.toNanos();
            for (Future<?> future : futures) {
                future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        return this;
    }

    private static String outcome(Call call) {
        try {
            call.run();
            return "OK";
        } catch (SOAPFaultException e) {
            // An undeclared fault: soap:Server (with its text, to show), or e.g. wsse:FailedAuthentication.
            String code = e.getFault().getFaultCodeAsQName().getLocalPart();
            return code.equals("Server") ? "soap:Server " + e.getMessage() : code;
        } catch (Exception e) {
            String name = e.getClass().getSimpleName();
            return name.endsWith("Fault") ? name : "transport " + e;
        }
    }

    /** Outcome kind → count, sorted by kind. */
    public Map<String, Long> outcomes() {
        Map<String, Long> counts = new TreeMap<>();
        outcomes.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }

    public long count(String outcome) {
        AtomicLong n = outcomes.get(outcome);
        return n == null ? 0 : n.get();
    }

    /** The outcome of the call added {@code index}-th (from 0). */
    public String outcomeOf(int index) {
        return outcomeOfCall.get(index);
    }

    /** Every outcome that is not OK and not one of the declared faults named. */
    public List<String> unexpected(String... declared) {
        List<String> allowed = new ArrayList<>(List.of(declared));
        allowed.add("OK");
        return outcomes().keySet().stream().filter(k -> !allowed.contains(k)).toList();
    }

    public Duration longest() {
        return Duration.ofNanos(longestNanos.get());
    }

    @Override
    public String toString() {
        return outcomes() + ", longest call " + longest().toMillis() + " ms";
    }
}
