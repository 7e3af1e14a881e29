package org.invitations.invitation;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
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
import java.util.EnumSet;
import java.util.Set;
import org.invitations.directory.Associate;
import org.invitations.directory.Person;
import org.invitations.directory.Resource;
import org.invitations.shared.InvalidTransition;

/**
 * One participant's copy of an appointment, with its own status: the owner's master record, an
 * associate's invitation, or the direct booking of a person or resource. The record owns its state
 * machine; there is no status setter. Start and end are copied from the appointment so that an
 * invitee's list is one index range scan on (associate, status, start).
 */
@Entity
@Table(name = "participant_record")
public class ParticipantRecord {

    private static final Set<Status> ACCEPTABLE =
            EnumSet.of(Status.INVITED, Status.MOVED, Status.SEEN, Status.MOVED_SEEN, Status.DECLINED);

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "participant_record_seq")
    @SequenceGenerator(name = "participant_record_seq", sequenceName = "participant_record_seq",
            allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "appointment_id", nullable = false)
    private Appointment appointment;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private ParticipantKind kind;

    /** True for the owner's own record (written unless "don't include myself"). */
    @Column(nullable = false)
    private boolean master;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "associate_id")
    private Associate associate;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "person_id")
    private Person person;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "resource_id")
    private Resource resource;

    @Convert(converter = StatusConverter.class)
    @Column(nullable = false)
    private Status status;

    @Column(name = "invitation_sent", nullable = false)
    private boolean invitationSent;

    @Column(nullable = false)
    private boolean conflict;

    @Column(name = "starts_at", nullable = false)
    private Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    private Instant endsAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(nullable = false)
    private int version;

    protected ParticipantRecord() {
    }

    private ParticipantRecord(Appointment appointment, ParticipantKind kind, boolean master, Status status,
                              boolean invitationSent, boolean conflict, Instant now) {
        this.appointment = appointment;
        this.kind = kind;
        this.master = master;
        this.status = status;
        this.invitationSent = invitationSent;
        this.conflict = conflict;
        this.startsAt = appointment.getStartsAt();
        this.endsAt = appointment.getEndsAt();
        this.updatedAt = now;
    }

    /** The owner's own record: booked, never an invitation. */
    public static ParticipantRecord master(Appointment appointment, Instant now) {
        ParticipantRecord record = new ParticipantRecord(appointment, ParticipantKind.ASSOCIATE, true,
                Status.BOOKED, false, false, now);
        record.associate = appointment.getOwner();
        return record;
    }

    /** An associate is invited (5) when invitations are sent, or booked directly (1) when not. */
    public static ParticipantRecord forAssociate(Appointment appointment, Associate associate, boolean sendInvitation,
                                                 boolean conflict, Instant now) {
        ParticipantRecord record = new ParticipantRecord(appointment, ParticipantKind.ASSOCIATE, false,
                sendInvitation ? Status.INVITED : Status.BOOKED, sendInvitation, conflict, now);
        record.associate = associate;
        return record;
    }

    /** An external person cannot answer: booked directly, no invitation. */
    public static ParticipantRecord forPerson(Appointment appointment, Person person, Instant now) {
        ParticipantRecord record = new ParticipantRecord(appointment, ParticipantKind.PERSON, false,
                Status.BOOKED, false, false, now);
        record.person = person;
        return record;
    }

    /** A resource cannot answer: booked directly, no invitation. */
    public static ParticipantRecord forResource(Appointment appointment, Resource resource, boolean conflict,
                                                Instant now) {
        ParticipantRecord record = new ParticipantRecord(appointment, ParticipantKind.RESOURCE, false,
                Status.BOOKED, false, conflict, now);
        record.resource = resource;
        return record;
    }

    /**
     * The invitee says yes: any pending status, or a decline (a change of mind), becomes booked.
     * Accepting a record that is already booked changes nothing, so a retried call is harmless.
     */
    public void accept(Instant now) {
        if (status == Status.BOOKED) {
            return;
        }
        if (!ACCEPTABLE.contains(status)) {
            throw new InvalidTransition(id, status.code(), Status.BOOKED.code(),
                    "Record " + id + " has status " + status.code() + " (" + status + ") and cannot be accepted"
                            + (status == Status.CANCELLED ? ": the meeting was cancelled" : ""));
        }
        status = Status.BOOKED;
        updatedAt = now;
    }

    /** Whether {@code associateId} is the associate this record invites or books. */
    public boolean isFor(long associateId) {
        return associate != null && associate.getId() == associateId;
    }

    public Long getId() {
        return id;
    }

    public Appointment getAppointment() {
        return appointment;
    }

    public ParticipantKind getKind() {
        return kind;
    }

    public boolean isMaster() {
        return master;
    }

    public Associate getAssociate() {
        return associate;
    }

    public Person getPerson() {
        return person;
    }

    public Resource getResource() {
        return resource;
    }

    public Status getStatus() {
        return status;
    }

    public boolean isInvitationSent() {
        return invitationSent;
    }

    public boolean isConflict() {
        return conflict;
    }

    public Instant getStartsAt() {
        return startsAt;
    }

    public Instant getEndsAt() {
        return endsAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
