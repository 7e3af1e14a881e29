package org.invitations.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Wrong passwords pause one source for one account, never the account: keyed on two addresses (only
 * the classifier sees them; nothing connects anywhere).
 */
class LoginThrottleTest {

    private static final String ATTACKER = "192.0.2.66";
    private static final String ADMIN_DESK = "198.51.100.7";

    /** A clock the test moves by hand. */
    private static final class Hands extends Clock {
        Instant now = Instant.parse("2026-12-06T01:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final Hands clock = new Hands();
    private final LoginThrottle throttle = new LoginThrottle(clock);

    private void fail(String source, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed("admin", source);
        }
    }

    @Test
    void fiveWrongPasswordsFromOneSourcePauseThatSourceAndNotTheAccountFromAnotherSource() {
        fail(ATTACKER, LoginThrottle.FREE_FAILURES - 1);
        assertNull(throttle.pausedUntil("admin", ATTACKER), "four are checked at once");

        Instant paused = throttle.failed("admin", ATTACKER);

        assertEquals(clock.now.plus(LoginThrottle.FIRST_PAUSE), paused);
        assertEquals(paused, throttle.pausedUntil("admin", ATTACKER));
        assertNull(throttle.pausedUntil("admin", ADMIN_DESK), "the admin's own desk is not paused");
        assertNull(throttle.pausedUntil("alice", ATTACKER), "another account from that source is not paused");
    }

    @Test
    void thePauseDoublesWithEveryFurtherWrongPasswordUpToFifteenMinutes() {
        fail(ATTACKER, LoginThrottle.FREE_FAILURES - 1);
        Duration[] expected = {Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
                Duration.ofMinutes(8), Duration.ofMinutes(15), Duration.ofMinutes(15)};
        for (Duration pause : expected) {
            Instant until = throttle.failed("admin", ATTACKER);
            assertEquals(clock.now.plus(pause), until);
            clock.now = until;
            assertNull(throttle.pausedUntil("admin", ATTACKER), "the pause ends at its time");
        }
    }

    @Test
    void aRightPasswordFromTheSourceEndsItsRun() {
        fail(ATTACKER, LoginThrottle.FREE_FAILURES - 1);
        throttle.succeeded("admin", ATTACKER);

        assertNull(throttle.failed("admin", ATTACKER), "one wrong password after a right one starts a new run");
    }

    @Test
    void aRunIsForgottenADayAfterItsLastWrongPassword() {
        fail(ATTACKER, LoginThrottle.FREE_FAILURES - 1);
        clock.now = clock.now.plus(LoginThrottle.FORGET).plusSeconds(1);

        assertNull(throttle.failed("admin", ATTACKER));
    }

    @Test
    void anIpv6HostCountsAsItsSlash64AndIpv4AsItsAddress() {
        assertEquals("2001:db8:1:2::/64", LoginThrottle.source("2001:db8:1:2:aaaa::1"));
        assertEquals(LoginThrottle.source("2001:db8:1:2::5"), LoginThrottle.source("[2001:db8:1:2:ffff::9]"));
        assertEquals("192.0.2.66", LoginThrottle.source("192.0.2.66"));
        assertEquals("127.0.0.1", LoginThrottle.source("::ffff:127.0.0.1"));
        assertEquals("not:an:address:at:all:zz", LoginThrottle.source("not:an:address:at:all:zz"));
    }

    @Test
    void theRunsKeptAreBounded() {
        LoginThrottle small = new LoginThrottle(clock, 100);
        for (int i = 0; i < 1_000; i++) {
            small.failed("user-" + i, ATTACKER);
        }
        assertTrue(small.size() <= 100, "kept: " + small.size());
    }
}
