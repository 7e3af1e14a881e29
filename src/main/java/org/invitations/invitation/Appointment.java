package org.invitations.invitation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.invitations.directory.Associate;
import org.invitations.shared.InvalidTransition;

/**
 * The text and time shared by all records of one meeting or task. The owner's master record and every
 * participant record point here; each record keeps its own status.
 */
@Entity
@Table(name = "appointment")
public class Appointment {

    /**
     * The longest meeting. Bounding it lets the conflict check and the diary read a participant's
     * bookings as an index range instead of its whole history.
     */
    public static final java.time.Duration MAX_LENGTH = java.time.Duration.ofDays(31);

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "appointment_seq")
    @SequenceGenerator(name = "appointment_seq", sequenceName = "appointment_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "owner_id", nullable = false)
    private Associate owner;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private AppointmentType type;

    @Column(nullable = false, length = 200)
    private String title;

    @Column(length = 4000)
    private String description;

    @Column(length = 255)
    private String location;

    @Column(name = "starts_at", nullable = false)
    private Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    private Instant endsAt;

    /** Goes up on every move, as iCalendar's SEQUENCE does. */
    @Column(name = "sequence_no", nullable = false)
    private int sequence;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "cancelled_at")
    private Instant cancelledAt;

    /** Optimistic check behind the row lock that every change takes first (see {@link Appointments#locked}). */
    @Version
    @Column(nullable = false)
    private int version;

    protected Appointment() {
    }

    public Appointment(Associate owner, AppointmentType type, String title, String description, String location,
                       Instant startsAt, Instant endsAt, Instant createdAt) {
        this.owner = owner;
        this.type = type;
        this.title = title;
        this.description = description;
        this.location = location;
        this.startsAt = startsAt;
        this.endsAt = endsAt;
        this.createdAt = createdAt;
    }

    /** Moves the slot and raises the sequence; a cancelled appointment stays where it was. */
    public void move(Instant newStart, Instant newEnd) {
        requireNotCancelled(Status.MOVED);
        this.startsAt = newStart;
        this.endsAt = newEnd;
        this.sequence++;
    }

    /** The owner's text; participant records follow only when the owner asks for it. */
    public void changeText(String newTitle, String newDescription, String newLocation) {
        requireNotCancelled(Status.BOOKED);
        this.title = newTitle;
        this.description = newDescription;
        this.location = newLocation;
    }

    /** Returns false when it was already cancelled, so a retried cancel changes nothing. */
    public boolean cancel(Instant now) {
        if (cancelledAt != null) {
            return false;
        }
        cancelledAt = now;
        return true;
    }

    /** Nothing but cancelling again may happen to a cancelled appointment. */
    public void requireNotCancelled(Status requested) {
        if (cancelledAt != null) {
            throw new InvalidTransition("appointmentId", id, Status.CANCELLED.code(), requested.code(),
                    "Appointment " + id + " was cancelled (10) and cannot become " + requested.code()
                            + " (" + requested + ")");
        }
    }

    public boolean isCancelled() {
        return cancelledAt != null;
    }

    public Long getId() {
        return id;
    }

    public Associate getOwner() {
        return owner;
    }

    public AppointmentType getType() {
        return type;
    }

    public String getTitle() {
        return title;
    }

    public String getDescription() {
        return description;
    }

    public String getLocation() {
        return location;
    }

    public Instant getStartsAt() {
        return startsAt;
    }

    public Instant getEndsAt() {
        return endsAt;
    }

    public int getSequence() {
        return sequence;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
