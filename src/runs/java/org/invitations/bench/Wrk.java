package org.invitations.bench;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * wrk, the C load generator, when it is installed (the Debian package {@code wrk}; the benchmark never
 * installs it): the same envelope to the same no-op endpoint as the Java driver, so that the two
 * figures side by side say whether the Java driver is what limits the ceiling.
 */
final class Wrk {

    /** The Lua script, in the repository as {@code src/runs/resources/bench/soap.lua}. */
    static final String SCRIPT = "bench/soap.lua";

    private Wrk() {
    }

    /** What wrk printed, and the figures read from it. */
    record Result(double requestsPerSecond, long requests, long errors, double p50, double p99, String output) {
    }

    /** The wrk executable on the PATH, or null when it is not installed. */
    static Path find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "wrk");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** {@code wrk -tT -cC -dS --latency} POSTing the envelope in {@code envelope} to {@code url}. */
    static Result run(Path wrk, String url, Path envelope, int threads, int connections, Duration duration)
            throws Exception {
        URL script = Wrk.class.getClassLoader().getResource(SCRIPT);
        if (script == null) {
            throw new IllegalStateException(SCRIPT + " is not on the classpath");
        }
        List<String> command = List.of(wrk.toString(), "-t" + threads, "-c" + connections,
                "-d" + duration.toSeconds() + "s", "--latency", "-s", Path.of(script.toURI()).toString(), url, "--",
                envelope.toAbsolutePath().toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + exit + ":\n" + output);
        }
        double rate = number(output, "Requests/sec:\\s+([\\d.]+)");
        long requests = (long) number(output, "(\\d+) requests in");
        long errors = (long) numberOr(output, "Non-2xx or 3xx responses:\\s+(\\d+)", 0) + socketErrors(output);
        return new Result(rate, requests, errors, millis(output, "50%"), millis(output, "99%"), output);
    }

    /** {@code Socket errors: connect 0, read 0, write 0, timeout 0}, added up; the line is there only when not all 0. */
    private static long socketErrors(String output) {
        Matcher m = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)")
                .matcher(output);
        long sum = 0;
        if (m.find()) {
            for (int g = 1; g <= 4; g++) {
                sum += Long.parseLong(m.group(g));
            }
        }
        return sum;
    }

    /** A latency percentile line of {@code --latency}, e.g. {@code 50%  812.00us}, in milliseconds. */
    private static double millis(String output, String percentile) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([\\d.]+)(us|ms|s)\\b").matcher(output);
        if (!m.find()) {
            return Double.NaN;
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    private static double number(String output, String regex) {
        double value = numberOr(output, regex, Double.NaN);
        if (Double.isNaN(value)) {
            throw new IllegalStateException("wrk's output has no " + regex + ":\n" + output);
        }
        return value;
    }

    private static double numberOr(String output, String regex, double otherwise) {
        Matcher m = Pattern.compile(regex).matcher(output);
        return m.find() ? Double.parseDouble(m.group(1)) : otherwise;
    }
}
