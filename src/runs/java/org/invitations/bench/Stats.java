package org.invitations.bench;

import java.util.Arrays;

/** Latencies of one run, in microseconds, and what they add up to. */
record Stats(String name, int clients, long requests, long errors, double seconds, long[] micros) {

    double throughput() {
        return requests / seconds;
    }

    double percentile(double p) {
        if (micros.length == 0) {
            return Double.NaN;
        }
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1000.0;
    }

    double p50() {
        return percentile(50);
    }

    double p95() {
        return percentile(95);
    }

    double p99() {
        return percentile(99);
    }
}
