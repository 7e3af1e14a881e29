package org.invitations.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * A room or a piece of equipment: booked, never asked, because it cannot answer. Its {@link ResourcePolicy}
 * (set by an ADMIN) may refuse a booking: one that overlaps another (when it refuses conflicts), has more
 * people than it holds, lasts too long or starts too far ahead.
 */
@Entity
@Table(name = "booking_resource")
public class Resource {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "resource_seq")
    @SequenceGenerator(name = "resource_seq", sequenceName = "resource_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 120)
    private String name;

    @Column(length = 255)
    private String description;

    private Integer capacity;

    @Enumerated(EnumType.STRING)
    @Column(name = "booking_policy", nullable = false, length = 20)
    private BookingPolicy bookingPolicy = BookingPolicy.ALLOW_CONFLICTS;

    @Column(name = "max_duration_minutes")
    private Integer maxDurationMinutes;

    @Column(name = "booking_window_days")
    private Integer bookingWindowDays;

    protected Resource() {
    }

    public Resource(String name, String description) {
        this(name, description, ResourcePolicy.NONE);
    }

    public Resource(String name, String description, ResourcePolicy policy) {
        this.name = name;
        this.description = description;
        changePolicy(policy);
    }

    /** New booking rules; bookings already made stay as they are. */
    public void changePolicy(ResourcePolicy policy) {
        this.capacity = policy.capacity();
        this.bookingPolicy = policy.bookingPolicy();
        this.maxDurationMinutes = policy.maxDurationMinutes();
        this.bookingWindowDays = policy.bookingWindowDays();
    }

    public ResourcePolicy getPolicy() {
        return new ResourcePolicy(capacity, bookingPolicy, maxDurationMinutes, bookingWindowDays);
    }

    /** Whether an overlapping booking is refused rather than flagged. */
    public boolean refusesConflicts() {
        return bookingPolicy == BookingPolicy.REFUSE_CONFLICTS;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }
}
