package org.invitations.directory;

/**
 * What a resource does with a booking that overlaps one it already has: {@link #ALLOW_CONFLICTS} (the CRM's
 * behaviour and the default: booked, and flagged as a conflict for the owner) or {@link #REFUSE_CONFLICTS}
 * (the booking is refused, as an Exchange room mailbox that declines conflicts does).
 */
public enum BookingPolicy {
    ALLOW_CONFLICTS,
    REFUSE_CONFLICTS
}
