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
import java.time.Instant;
import org.invitations.shared.InvalidTransition;

/**
 * Another start and end for a meeting, proposed by one participant (an invitee with a decline or a tentative
 * answer, or an external person's iCalendar COUNTER), as Exchange's "propose new time". It is about one
 * appointment: a single meeting or one occurrence of a series, never a whole series. It remembers the
 * appointment's sequence when it was made: once the meeting moved again, the proposal answers a time that no
 * longer stands and cannot be taken. PENDING until the owner accepts it (the meeting moves there) or declines
 * it; a newer proposal of the same participant on the same appointment replaces a pending one, which then
 * counts as declined (nobody is told: the proposer made the newer one).
 */
@Entity
@Table(name = "time_proposal")
public class TimeProposal {

    /** Where a proposal stands, as the contract's ProposalState. */
    public enum State { PENDING, ACCEPTED, DECLINED }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "time_proposal_seq")
    @SequenceGenerator(name = "time_proposal_seq", sequenceName = "time_proposal_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "appointment_id", nullable = false)
    private Appointment appointment;

    /** The series of the occurrence it is about (null for a single meeting): the series' view reads by it. */
    @Column(name = "series_id")
    private Long seriesId;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "record_id", nullable = false)
    private ParticipantRecord record;

    @Enumerated(EnumType.STRING)
    @Column(name = "proposer_kind", nullable = false, length = 10)
    private ParticipantKind proposerKind;

    @Column(name = "proposer_id", nullable = false)
    private long proposerId;

    @Column(name = "starts_at", nullable = false)
    private Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    private Instant endsAt;

    @Column(name = "comment_text", length = 254)
    private String comment;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private State state;

    @Column(name = "proposed_at", nullable = false)
    private Instant proposedAt;

    @Column(name = "decided_at")
    private Instant decidedAt;

    /** The appointment's sequence when this was proposed. */
    @Column(name = "sequence_no", nullable = false)
    private int sequence;

    protected TimeProposal() {
    }

    TimeProposal(ParticipantRecord record, Instant start, Instant end, String comment, Instant now) {
        this.appointment = record.getAppointment();
        this.seriesId = appointment.getSeriesId();
        this.record = record;
        this.proposerKind = record.getKind();
        this.proposerId = record.getParticipantId();
        this.startsAt = start;
        this.endsAt = end;
        this.comment = comment == null || comment.isBlank() ? null : comment;
        this.state = State.PENDING;
        this.proposedAt = now;
        this.sequence = appointment.getSequence();
    }

    /** The owner takes it: only a pending proposal made at the meeting's current sequence. */
    void accept(Instant now) {
        requirePending("accepted");
        if (isOutdated()) {
            throw new InvalidTransition("proposalId", id, "Proposal " + id + " was made for the meeting as it stood before it moved"
                    + " (sequence " + sequence + ", now " + appointment.getSequence() + "); it can only be"
                    + " declined: ask for a new proposal");
        }
        this.state = State.ACCEPTED;
        this.decidedAt = now;
    }

    /** The owner turns it down; an outdated pending one too, so that its proposer is told. */
    void decline(Instant now) {
        requirePending("declined");
        this.state = State.DECLINED;
        this.decidedAt = now;
    }

    /** A newer proposal of the same participant on the same appointment takes its place. */
    void replace(Instant now) {
        this.state = State.DECLINED;
        this.decidedAt = now;
    }

    /** Made before the meeting last moved: it answers a time that no longer stands. */
    public boolean isOutdated() {
        return sequence < appointment.getSequence();
    }

    private void requirePending(String action) {
        if (state != State.PENDING) {
            throw new InvalidTransition("proposalId", id, "Proposal " + id + " is " + state + " already (" + decidedAt
                    + "); only a PENDING proposal can be " + action);
        }
    }

    public Long getId() {
        return id;
    }

    public Appointment getAppointment() {
        return appointment;
    }

    public Long getSeriesId() {
        return seriesId;
    }

    public ParticipantRecord getRecord() {
        return record;
    }

    public ParticipantKind getProposerKind() {
        return proposerKind;
    }

    public long getProposerId() {
        return proposerId;
    }

    public Instant getStartsAt() {
        return startsAt;
    }

    public Instant getEndsAt() {
        return endsAt;
    }

    public String getComment() {
        return comment;
    }

    public State getState() {
        return state;
    }

    public Instant getProposedAt() {
        return proposedAt;
    }

    public Instant getDecidedAt() {
        return decidedAt;
    }

    public int getSequence() {
        return sequence;
    }
}
