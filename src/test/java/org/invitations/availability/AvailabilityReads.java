package org.invitations.availability;

import java.time.Instant;
import java.util.List;
import org.hibernate.Session;

/** The reads of free/busy and the search for a free time, for the plan tests of another package. */
public final class AvailabilityReads {

    private AvailabilityReads() {
    }

    /** One associate's bookings that can overlap [from, to): the range free/busy reads for it. */
    public static List<Object[]> associate(Session session, long associateId, Instant from, Instant to) {
        return BookingReads.rows(session, Participant.associate(associateId), from, to);
    }

    /** One resource's bookings that can overlap [from, to). */
    public static List<Object[]> resource(Session session, long resourceId, Instant from, Instant to) {
        return BookingReads.rows(session, Participant.resource(resourceId), from, to);
    }
}
