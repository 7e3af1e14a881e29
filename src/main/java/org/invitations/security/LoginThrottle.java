package org.invitations.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wrong passwords slow guessing down per account <em>and</em> source, instead of locking the account:
 * a stranger can then never lock anyone out, and the account keeps working from everywhere else.
 * {@value #FREE_FAILURES} wrong passwords in a row from one source for one username are checked at
 * once; then tries from that source for that username are refused unchecked (with the same one text
 * as a wrong password) for a pause that starts at {@link #FIRST_PAUSE} and doubles with every further
 * wrong password, up to {@link #LONGEST_PAUSE}. So one source gets five guesses, then about one every
 * fifteen minutes (under a hundred a day) per account. A right password from that source ends its
 * run. Unknown usernames are counted exactly as known ones, so the pauses tell nothing about who
 * exists.
 *
 * <p>A source is a client's IPv4 address, or the /64 network of an IPv6 address (one host usually has
 * a whole /64 to pick addresses from). The runs are kept in memory, per node: with N nodes behind a
 * balancer, a source gets at most N times the tries. A run is forgotten {@link #FORGET} after its last
 * wrong password; at most {@link #MAX_RUNS} are kept (forgotten and unpaused runs make room first).
 */
public final class LoginThrottle {

    public static final int FREE_FAILURES = 5;
    public static final Duration FIRST_PAUSE = Duration.ofMinutes(1);
    public static final Duration LONGEST_PAUSE = Duration.ofMinutes(15);
    static final Duration FORGET = Duration.ofHours(24);
    static final int MAX_RUNS = 100_000;

    private record Key(String username, String source) {
    }

    private record Run(int failures, Instant last, Instant pausedUntil) {
    }

    private final Clock clock;
    private final int maxRuns;
    private final ConcurrentHashMap<Key, Run> runs = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock) {
        this(clock, MAX_RUNS);
    }

    LoginThrottle(Clock clock, int maxRuns) {
        this.clock = clock;
        this.maxRuns = maxRuns;
    }

    /** Until when tries for {@code username} from {@code source} are refused unchecked; null: check now. */
    public Instant pausedUntil(String username, String source) {
        Run run = runs.get(new Key(username, source));
        Instant now = clock.instant();
        return run == null || run.pausedUntil() == null || !run.pausedUntil().isAfter(now) ? null : run.pausedUntil();
    }

    /**
     * A wrong password (or an unknown username) from {@code source}; returns until when that source is
     * paused for that username from now on, or null when its next try is checked at once.
     */
    public Instant failed(String username, String source) {
        Instant now = clock.instant();
        if (runs.size() >= maxRuns) {
            makeRoom(now);
        }
        Run run = runs.compute(new Key(username, source), (key, before) -> {
            int failures = before == null || before.last().plus(FORGET).isBefore(now) ? 1 : before.failures() + 1;
            return new Run(failures, now, failures < FREE_FAILURES ? null : now.plus(pause(failures)));
        });
        return run.pausedUntil();
    }

    /** A right password from {@code source} ends its run of wrong ones. */
    public void succeeded(String username, String source) {
        runs.remove(new Key(username, source));
    }

    /** The pause after the {@code failures}-th wrong password in a row (from the {@value #FREE_FAILURES}th on). */
    static Duration pause(int failures) {
        int doublings = Math.min(failures - FREE_FAILURES, 20);
        Duration pause = FIRST_PAUSE.multipliedBy(1L << Math.max(doublings, 0));
        return pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause;
    }

    /** How many runs are kept (for tests of the bound). */
    int size() {
        return runs.size();
    }

    private void makeRoom(Instant now) {
        runs.values().removeIf(run -> run.last().plus(FORGET).isBefore(now));
        if (runs.size() >= maxRuns) {
            runs.values().removeIf(run -> run.pausedUntil() == null || !run.pausedUntil().isAfter(now));
        }
        // Still full: every run is a source paused right now; the oldest give way.
        for (Iterator<Map.Entry<Key, Run>> oldest = runs.entrySet().iterator();
             runs.size() >= maxRuns && oldest.hasNext(); ) {
            oldest.next();
            oldest.remove();
        }
    }

    /**
     * The source a client's address counts as: an IPv4 address as it is, an IPv6 address as its /64
     * network ({@code 2001:db8:1:2::/64}); anything else (a Unix socket's name) as it is.
     */
    public static String source(String address) {
        if (address == null || address.isBlank()) {
            return "unknown";
        }
        String bare = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1)
                : address;
        if (bare.indexOf(':') < 0) {
            return bare;
        }
        int zone = bare.indexOf('%');
        if (zone >= 0) {
            bare = bare.substring(0, zone);
        }
        try {
            // In brackets, the text must be an IPv6 literal: it is parsed, never looked up by name.
            byte[] bytes = java.net.InetAddress.getByName("[" + bare + "]").getAddress();
            if (bytes.length == 4) {
                return java.net.InetAddress.getByAddress(bytes).getHostAddress(); // ::ffff:a.b.c.d is IPv4
            }
            StringBuilder network = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                network.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return network.append(":/64").toString();
        } catch (java.net.UnknownHostException notAnAddress) {
            return bare;
        }
    }
}
