package org.invitations.shared;

import java.time.Instant;

/**
 * A resource refused a booking: it refuses conflicts and is booked at that time (then {@link #busyStart()}
 * and {@link #busyEnd()} say when the booking that holds it is: its time, never its title), or the meeting
 * has more people than its capacity, lasts longer than its maximum, or starts beyond its booking window.
 * Nothing was written. {@link #id()} names the resource.
 */
public final class BookingRefused extends DomainException {

    private final Instant busyStart;
    private final Instant busyEnd;

    public BookingRefused(String message, String field, long resourceId, Instant busyStart, Instant busyEnd) {
        super(message, field, resourceId);
        this.busyStart = busyStart;
        this.busyEnd = busyEnd;
    }

    public BookingRefused(String message, String field, long resourceId) {
        this(message, field, resourceId, null, null);
    }

    /** When the holding booking starts, for a refused overlap; else null. */
    public Instant busyStart() {
        return busyStart;
    }

    public Instant busyEnd() {
        return busyEnd;
    }
}
