package org.invitations.directory;

import org.invitations.shared.InvalidRequest;

/**
 * A resource's booking rules: how many people it holds, whether it refuses an overlapping booking, the
 * longest booking and how many days ahead it may be booked. A null limit is no limit.
 */
public record ResourcePolicy(Integer capacity, BookingPolicy bookingPolicy, Integer maxDurationMinutes,
                             Integer bookingWindowDays) {

    /** No limits, conflicts allowed: a resource as the CRM knows it. */
    public static final ResourcePolicy NONE = new ResourcePolicy(null, BookingPolicy.ALLOW_CONFLICTS, null, null);

    public ResourcePolicy {
        bookingPolicy = bookingPolicy == null ? BookingPolicy.ALLOW_CONFLICTS : bookingPolicy;
        require("capacity", capacity, 100_000);
        require("maxDurationMinutes", maxDurationMinutes, 44_640);
        require("bookingWindowDays", bookingWindowDays, 3_650);
    }

    /** Whether it says anything beyond a plain resource's defaults. */
    public boolean limitsAnything() {
        return !equals(NONE);
    }

    private static void require(String field, Integer value, int max) {
        if (value != null && (value < 1 || value > max)) {
            throw new InvalidRequest(field, field + " must be between 1 and " + max + ", or left out for no limit;"
                    + " it was " + value);
        }
    }
}
