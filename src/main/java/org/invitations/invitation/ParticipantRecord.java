package org.invitations.invitation;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
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
import org.hibernate.annotations.DynamicUpdate;
import java.math.BigDecimal;
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
 * machine; there is no status setter. Text, start and end are copied from the appointment: the text
 * because "update all records generated from this" is the owner's choice, the times so that an
 * invitee's list is one index range scan on (associate, status, start). Part of the {@link Appointment}
 * aggregate: records are made and changed only through their appointment, which is why the factories
 * and every changing method are package-private.
 */
// Only the columns that changed are written: an UPDATE that names a column makes Derby rewrite the entry of
// every index holding it and check every foreign key on it, and a record has a dozen of each.
@DynamicUpdate
@Entity
@Table(name = "participant_record")
public class ParticipantRecord {

    private static final Set<Status> ACCEPTED = Status.ACCEPTED;
    private static final Set<Status> TO_ACCEPT = union(Status.PENDING, Status.DECLINED, Status.TENTATIVE);
    private static final Set<Status> TO_TENTATIVE = union(Status.PENDING, Status.DECLINED, Status.BOOKED);
    private static final Set<Status> TO_DECLINE =
            union(Status.PENDING, Status.BOOKED, Status.TENTATIVE, Status.STARTED);
    /**
     * What a move asks again: everything answered or seen. 5 and 6 are already waiting unseen; a
     * completed task is done whatever its new due date.
     */
    private static final Set<Status> ASKED_AGAIN_ON_MOVE = EnumSet.of(Status.SEEN, Status.MOVED_SEEN,
            Status.BOOKED, Status.DECLINED, Status.TENTATIVE, Status.STARTED);

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

    /**
     * The participant as one number, computed by the database from the column that names it ({@link #keyOf}):
     * the unique (appointment, participant key) index says a participant appears once per appointment, and
     * finds a participant's record of an appointment. Never written; read by queries only.
     */
    @Column(name = "participant_key", insertable = false, updatable = false)
    private Long participantKey;

    @Convert(converter = StatusConverter.class)
    @Column(nullable = false)
    private Status status;

    /**
     * On an occurrence's record: its status comes from the participant's answer to the whole series
     * (set at creation and by answers for the series); false once the record was answered, moved or
     * cancelled on its own. Always false on a single appointment's or a series' own record.
     */
    @Column(name = "follows_series", nullable = false)
    private boolean followsSeries;

    /** Derived from status, type and the record's place in a series on every change; see {@link RecordList}. */
    @Enumerated(EnumType.STRING)
    @Column(name = "listed_in", nullable = false, length = 12)
    private RecordList listedIn;

    @Column(name = "invitation_sent", nullable = false)
    private boolean invitationSent;

    /** Pending and neither answered nor postponed since the last change: a client shows a pop-up. */
    @Column(name = "is_new", nullable = false)
    private boolean fresh;

    @Column(nullable = false)
    private boolean conflict;

    /** This participant's copy of the appointment's text. */
    @Embedded
    private RecordText text;

    @Column(name = "starts_at", nullable = false)
    private Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    private Instant endsAt;

    @Column(name = "decline_reason", length = 254)
    private String declineReason;

    @Column(name = "decline_acknowledged", nullable = false)
    private boolean declineAcknowledged;

    @Column(name = "answered_at")
    private Instant answeredAt;

    /** Task progress, reported by the colleague. */
    @Embedded
    private TaskProgress progress = TaskProgress.NONE;

    /** An external person's last answer from its own calendar (iTIP REPLY); null until one came. */
    @Embedded
    private ExternalReply externalReply;

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
        this.followsSeries = appointment.isOccurrence();
        setStatus(status);
        this.invitationSent = invitationSent;
        this.fresh = invitationSent;
        this.conflict = conflict;
        this.text = appointment.getText();
        this.startsAt = appointment.getStartsAt();
        this.endsAt = appointment.getEndsAt();
        this.updatedAt = now;
    }

    /** The owner's own record: booked, never an invitation. */
    static ParticipantRecord master(Appointment appointment, Instant now) {
        ParticipantRecord record = new ParticipantRecord(appointment, ParticipantKind.ASSOCIATE, true,
                Status.BOOKED, false, false, now);
        record.associate = appointment.getOwner();
        return record;
    }

    /** An associate is invited (5) when invitations are sent, or booked directly (1) when not. */
    static ParticipantRecord forAssociate(Appointment appointment, Associate associate, boolean sendInvitation,
                                          boolean conflict, Instant now) {
        ParticipantRecord record = new ParticipantRecord(appointment, ParticipantKind.ASSOCIATE, false,
                sendInvitation ? Status.INVITED : Status.BOOKED, sendInvitation, conflict, now);
        record.associate = associate;
        return record;
    }

    /** An external person cannot answer: booked directly, no invitation. */
    static ParticipantRecord forPerson(Appointment appointment, Person person, Instant now) {
        ParticipantRecord record = new ParticipantRecord(appointment, ParticipantKind.PERSON, false,
                Status.BOOKED, false, false, now);
        record.person = person;
        return record;
    }

    /** A resource cannot answer: booked directly, no invitation. */
    static ParticipantRecord forResource(Appointment appointment, Resource resource, boolean conflict,
                                         Instant now) {
        ParticipantRecord record = new ParticipantRecord(appointment, ParticipantKind.RESOURCE, false,
                Status.BOOKED, false, conflict, now);
        record.resource = resource;
        return record;
    }

    /**
     * A series split in two ("this and following"): the new series' copy of this series record, with the
     * same answer, seen state, reason, conflict flag and text, at the new series' times.
     */
    static ParticipantRecord copyOf(ParticipantRecord source, Appointment newSeries, Instant now) {
        ParticipantRecord copy = new ParticipantRecord(newSeries, source.kind, source.master, source.status,
                source.invitationSent, source.conflict, now);
        copy.associate = source.associate;
        copy.person = source.person;
        copy.resource = source.resource;
        copy.fresh = source.fresh;
        copy.text = source.text;
        copy.declineReason = source.declineReason;
        copy.declineAcknowledged = source.declineAcknowledged;
        copy.answeredAt = source.answeredAt;
        copy.progress = source.progress;
        copy.externalReply = source.externalReply;
        return copy;
    }

    // ------------------------------------------------------------------ the invitee's answers

    /**
     * Yes: a pending invitation, a decline (change of mind) or a tentative answer becomes booked. A
     * task asked again after a move goes back to what its progress says (1, 2 or 3). Returns false
     * when it was accepted already: a retried yes changes nothing.
     */
    boolean accept(Instant now) {
        if (ACCEPTED.contains(status)) {
            return false;
        }
        Status accepted = progress.status();
        require(TO_ACCEPT, accepted);
        answer(accepted, null, now);
        return true;
    }

    /**
     * The colleague reports progress on an accepted task: 0% is not started (1), anything in between
     * started (2), 100% completed (3). Hours are the total so far, and the note the latest word; each
     * left out keeps the last one.
     */
    void reportProgress(int percent, BigDecimal hours, String note, Instant now) {
        TaskProgress next = progress.report(percent, hours, note, now);
        if (appointment.getType() != AppointmentType.TASK) {
            throw new org.invitations.shared.InvalidRequest("recordId", "record " + id
                    + " belongs to a meeting, not a task");
        }
        if (!ACCEPTED.contains(status)) {
            throw refused(next.status(), "progress is reported on an accepted task (1, 2, 3); accept it first");
        }
        progress = next;
        setStatus(next.status());
        updatedAt = now;
    }

    /**
     * Maybe: counts as an answer, shows in the diary marked tentative. Returns false when it was
     * tentative already.
     */
    boolean acceptTentatively(Instant now) {
        if (appointment.getType() == AppointmentType.TASK) {
            throw new org.invitations.shared.InvalidRequest("recordId",
                    "a task is accepted or declined, not accepted tentatively");
        }
        if (status == Status.TENTATIVE) {
            return false;
        }
        require(TO_TENTATIVE, Status.TENTATIVE);
        answer(Status.TENTATIVE, null, now);
        return true;
    }

    /**
     * No, with an optional reason for the owner. Declining again is a new answer: it replaces the
     * reason and the time, and the owner acknowledges it afresh; so it always changes the record.
     */
    void decline(String reason, Instant now) {
        if (status != Status.DECLINED) {
            require(TO_DECLINE, Status.DECLINED);
        }
        answer(Status.DECLINED, reason, now);
        declineAcknowledged = false;
    }

    /**
     * Opened and closed without an answer: 5 → 7, 6 → 8. Still new until answered or postponed.
     * Returns false when it was seen already.
     */
    boolean markSeen(Instant now) {
        switch (status) {
            case INVITED -> {
                leaveSeries();
                setStatus(Status.SEEN);
            }
            case MOVED -> {
                leaveSeries();
                setStatus(Status.MOVED_SEEN);
            }
            case SEEN, MOVED_SEEN -> {
                return false;
            }
            default -> throw refused(Status.SEEN, "only a pending invitation (5, 6) can be marked seen");
        }
        updatedAt = now;
        return true;
    }

    /**
     * "Avbryt": no answer now. It stays pending and keeps its seen or unseen status, but is no longer
     * new. Returns false when it was no longer new already.
     */
    boolean postpone(Instant now) {
        if (!Status.PENDING.contains(status)) {
            throw refused(status, "only a pending invitation (5, 6, 7, 8) can be postponed");
        }
        if (!fresh) {
            return false;
        }
        leaveSeries();
        fresh = false;
        updatedAt = now;
        return true;
    }

    // ------------------------------------------------------------------ an external person's answer

    /**
     * A person's reply from its own calendar: taken when it is newer than the last one applied (by SEQUENCE,
     * then DTSTAMP), otherwise nothing changes. The status stays as persons are booked (1).
     */
    ExternalReply.Effect takeReply(ExternalReply reply, Instant now) {
        if (kind != ParticipantKind.PERSON) {
            throw new IllegalArgumentException("record " + id + " is no person's: only persons answer by mail");
        }
        ExternalReply.Effect effect = externalReply == null ? ExternalReply.Effect.APPLIED
                : externalReply.compare(reply);
        if (effect == ExternalReply.Effect.APPLIED) {
            externalReply = reply;
            updatedAt = now;
        }
        return effect;
    }

    // ------------------------------------------------------------------ what the owner does

    /**
     * The appointment moved. An invitation that was seen or answered is asked again (6); one that
     * is still waiting unseen (5, 6) stays. Direct bookings, persons and resources simply move.
     */
    void moveTo(Instant newStart, Instant newEnd, boolean nowConflicting, Instant now) {
        startsAt = newStart;
        endsAt = newEnd;
        updatedAt = now;
        if (status == Status.CANCELLED) {
            return;
        }
        conflict = nowConflicting;
        if (externalReply != null) {
            // the person answered the old time: asked again, as an invitee is
            externalReply = externalReply.voidedByMove();
        }
        if (invitationSent && !master) {
            if (ASKED_AGAIN_ON_MOVE.contains(status)) {
                setStatus(Status.MOVED);
            }
            fresh = true;
            answeredAt = null;
            declineReason = null;
            declineAcknowledged = false;
        }
    }

    /** The meeting was cancelled, or this participant was removed from it. */
    void cancel(Instant now) {
        if (status == Status.CANCELLED) {
            return;
        }
        setStatus(Status.CANCELLED);
        fresh = false;
        updatedAt = now;
    }

    /** A participant removed earlier is added again: asked (5) or booked (1) as if new. */
    void reinstate(boolean sendInvitation, boolean nowConflicting, Instant now) {
        boolean asks = sendInvitation && kind == ParticipantKind.ASSOCIATE;
        setStatus(asks ? Status.INVITED : Status.BOOKED);
        if (externalReply != null) {
            externalReply = externalReply.voidedByMove(); // booked as if new: an answer given before is void
        }
        invitationSent = asks;
        fresh = asks;
        conflict = nowConflicting;
        answeredAt = null;
        declineReason = null;
        declineAcknowledged = false;
        text = appointment.getText();
        startsAt = appointment.getStartsAt();
        endsAt = appointment.getEndsAt();
        updatedAt = now;
    }

    /** "Update all records generated from this": carry the owner's text to this record. */
    void copyTextOf(Appointment source) {
        text = source.getText();
    }

    /** The owner has taken note of this refusal. */
    void acknowledgeDecline(Instant now) {
        if (status != Status.DECLINED) {
            throw refused(Status.DECLINED, "only a declined invitation (9) can be acknowledged");
        }
        declineAcknowledged = true;
        updatedAt = now;
    }

    // ------------------------------------------------------------------ reading

    /** Whether {@code associateId} is the associate this record invites or books. */
    public boolean isFor(long associateId) {
        return associate != null && associate.getId() == associateId;
    }

    /** Seen or answered; what the owner's view shows as "has seen". */
    public boolean isSeen() {
        return status == Status.SEEN || status == Status.MOVED_SEEN
                || invitationSent && (Status.ANSWERED.contains(status) || ACCEPTED.contains(status));
    }

    /** The only way the status changes: the list the record shows in follows it. */
    private void setStatus(Status next) {
        status = next;
        listedIn = RecordList.of(appointment.getType(), next, appointment.isSeries(), followsSeries);
    }

    /**
     * The record's status comes from the series' answer again (an answer for the whole series, or an
     * owner's change of the whole series): it is shown through the series' record while pending.
     */
    void followSeries() {
        if (appointment.isOccurrence() && !followsSeries) {
            followsSeries = true;
            setStatus(status);
        }
    }

    /**
     * The record was answered, moved or cancelled on its own: it no longer follows the series' answer
     * and is listed as a single appointment's record (a pending one as its own invitation).
     */
    void leaveSeries() {
        if (followsSeries) {
            followsSeries = false;
            setStatus(status);
        }
    }

    private void answer(Status answer, String reason, Instant now) {
        leaveSeries();
        setStatus(answer);
        declineReason = reason;
        fresh = false;
        answeredAt = now;
        updatedAt = now;
    }

    private void require(Set<Status> allowed, Status requested) {
        if (!allowed.contains(status)) {
            throw refused(requested, status == Status.CANCELLED ? "the meeting was cancelled" : null);
        }
    }

    private InvalidTransition refused(Status requested, String why) {
        return new InvalidTransition("recordId", id, status.code(), requested.code(),
                "Record " + id + " has status " + status.code() + " (" + status + ") and cannot become "
                        + requested.code() + " (" + requested + ")" + (why == null ? "" : ": " + why));
    }

    private static Set<Status> union(Set<Status> base, Status... more) {
        EnumSet<Status> all = EnumSet.copyOf(base);
        all.addAll(Set.of(more));
        return all;
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

    /** The id of whoever or whatever this record books. */
    /**
     * The participant key of this participant (see the field): the id times 4, plus 1 for an associate,
     * 2 for a person, 3 for a resource, as the database computes it (migration 021).
     */
    static long keyOf(ParticipantKind kind, long id) {
        return id * 4 + switch (kind) {
            case ASSOCIATE -> 1;
            case PERSON -> 2;
            case RESOURCE -> 3;
        };
    }

    public long getParticipantId() {
        return switch (kind) {
            case ASSOCIATE -> associate.getId();
            case PERSON -> person.getId();
            case RESOURCE -> resource.getId();
        };
    }

    /** See the field: whether this occurrence's record shows the participant's answer to the whole series. */
    public boolean isFollowsSeries() {
        return followsSeries;
    }

    public RecordList getListedIn() {
        return listedIn;
    }

    public Status getStatus() {
        return status;
    }

    public boolean isInvitationSent() {
        return invitationSent;
    }

    public boolean isNew() {
        return fresh;
    }

    public boolean isConflict() {
        return conflict;
    }

    public RecordText getText() {
        return text;
    }

    public String getTitle() {
        return text.title();
    }

    public String getDescription() {
        return text.description();
    }

    public String getLocation() {
        return text.location();
    }

    public Instant getStartsAt() {
        return startsAt;
    }

    public Instant getEndsAt() {
        return endsAt;
    }

    public String getDeclineReason() {
        return declineReason;
    }

    public boolean isDeclineAcknowledged() {
        return declineAcknowledged;
    }

    public Instant getAnsweredAt() {
        return answeredAt;
    }

    public TaskProgress getProgress() {
        return progress;
    }

    /** The person's answer from its own calendar, the latest applied; null when none (or a move voided it). */
    public ExternalReply getExternalReply() {
        return externalReply != null && externalReply.isAnswer() ? externalReply : null;
    }

    /** The last reply applied, for ordering, even when a move voided its answer; null when none came. */
    public ExternalReply getLastReply() {
        return externalReply;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
