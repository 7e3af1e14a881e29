package org.invitations.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Drives the server over real HTTP. Closed loop: each client sends its next request when the last
 * one answered. Open loop: requests start at a fixed rate, and latency counts from the planned
 * start, so a stalled server shows in the tail instead of slowing the load down. Calls are made per
 * client index, so that the clients can be spread over several server nodes (client c to node c mod n).
 */
final class LoadDriver {

    private final HttpClient http;
    /** The first failed call's answer or exception: an error count alone does not say what went wrong. */
    private volatile String firstError;

    LoadDriver(int maxClients) {
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(Math.max(4, maxClients / 4)))
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** One request: the URL and the envelope, made fresh for every call. */
    record Call(String url, String envelope) {
    }

    boolean send(Call call) {
        try {
            HttpResponse<String> response = http.send(request(call), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            boolean ok = response.statusCode() == 200 && !response.body().contains("Fault>");
            if (!ok && firstError == null) {
                firstError = "HTTP " + response.statusCode() + " from " + call.url() + ": " + response.body();
            }
            return ok;
        } catch (Exception e) {
            if (firstError == null) {
                firstError = e + " from " + call.url();
            }
            return false;
        }
    }

    /** One call, its answer kept as the very bytes and headers that came back (to replay or to read). */
    HttpResponse<byte[]> capture(Call call) throws Exception {
        return http.send(request(call), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** What the first failed call since the last look answered, or null; forgets it. */
    String takeFirstError() {
        String error = firstError;
        firstError = null;
        return error;
    }

    private static HttpRequest request(Call call) {
        return HttpRequest.newBuilder(URI.create(call.url()))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofString(call.envelope(), StandardCharsets.UTF_8))
                .build();
    }

    /**
     * Exactly {@code total} calls from {@code clients} concurrent clients, each sending its next call
     * when the last one answered: for writing data through the service as fast as it takes it.
     */
    Stats count(String name, int clients, int total, IntFunction<Call> calls) throws InterruptedException {
        AtomicLong tickets = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long[][] latencies = new long[clients][];
        Thread[] threads = new Thread[clients];
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads[c] = new Thread(() -> {
                long[] mine = new long[64];
                int n = 0;
                while (tickets.getAndIncrement() < total) {
                    Call call = calls.apply(client);
                    long t0 = System.nanoTime();
                    if (!send(call)) {
                        errors.incrementAndGet();
                    }
                    if (n == mine.length) {
                        mine = java.util.Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = (System.nanoTime() - t0) / 1000;
                }
                latencies[client] = java.util.Arrays.copyOf(mine, n);
            }, "writer-" + c);
            threads[c].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Stats(name, clients, total, errors.get(), seconds, merge(List.of(latencies)));
    }

    Stats closedLoop(String name, int clients, Duration warmup, Duration measure, IntFunction<Call> calls)
            throws InterruptedException {
        run(clients, warmup, calls, null);
        List<long[]> perClient = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        long started = System.nanoTime();
        java.time.Instant from = java.time.Instant.now();
        long requests = run(clients, measure, calls, new Recorder(perClient, errors));
        double seconds = (System.nanoTime() - started) / 1e9;
        windows.add(new Window(name, from, java.time.Instant.now()));
        return new Stats(name, clients, requests, errors.get(), seconds, merge(perClient));
    }

    /** When a closed-loop run was measured, by the wall clock: to cut a JFR recording of the server by run. */
    record Window(String name, java.time.Instant from, java.time.Instant to) {
    }

    /** Every measured closed-loop window so far, in order. */
    final List<Window> windows = java.util.Collections.synchronizedList(new ArrayList<>());

    /**
     * Requests at {@code rate} per second for {@code measure}; latency from each planned start. Request
     * i is made as client i's call: the open loop has no clients of its own to spread.
     */
    Stats openLoop(String name, double rate, int workers, Duration measure, IntFunction<Call> calls)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        long total = (long) (rate * measure.toSeconds());
        long[] micros = new long[(int) total];
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch((int) total);
        long intervalNanos = (long) (1e9 / rate);
        long origin = System.nanoTime() + 50_000_000L;
        AtomicLong issued = new AtomicLong();
        clock.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            while (issued.get() < total && origin + issued.get() * intervalNanos <= now) {
                int index = (int) issued.getAndIncrement();
                long planned = origin + index * intervalNanos;
                pool.execute(() -> {
                    if (!send(calls.apply(index))) {
                        errors.incrementAndGet();
                    }
                    micros[index] = (System.nanoTime() - planned) / 1000;
                    done.countDown();
                });
            }
        }, 0, 1, TimeUnit.MILLISECONDS);
        done.await();
        double seconds = (System.nanoTime() - origin) / 1e9;
        clock.shutdownNow();
        pool.shutdown();
        return new Stats(name, workers, total, errors.get(), seconds, micros);
    }

    private record Recorder(List<long[]> perClient, AtomicLong errors) {
    }

    private long run(int clients, Duration duration, IntFunction<Call> calls, Recorder recorder)
            throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        Thread[] threads = new Thread[clients];
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads[c] = new Thread(() -> {
                long[] mine = new long[1024];
                int n = 0;
                while (System.nanoTime() < deadline) {
                    Call call = calls.apply(client);
                    long t0 = System.nanoTime();
                    boolean ok = send(call);
                    long micros = (System.nanoTime() - t0) / 1000;
                    if (recorder != null && !ok) {
                        recorder.errors().incrementAndGet();
                    }
                    if (n == mine.length) {
                        mine = java.util.Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = micros;
                }
                latencies[client] = java.util.Arrays.copyOf(mine, n);
                counts[client] = n;
            }, "client-" + c);
            threads[c].start();
        }
        long total = 0;
        for (int c = 0; c < clients; c++) {
            threads[c].join();
            total += counts[c];
            if (recorder != null) {
                synchronized (recorder.perClient()) {
                    recorder.perClient().add(latencies[c]);
                }
            }
        }
        return total;
    }

    private static long[] merge(List<long[]> parts) {
        int size = parts.stream().mapToInt(p -> p.length).sum();
        long[] all = new long[size];
        int at = 0;
        for (long[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
