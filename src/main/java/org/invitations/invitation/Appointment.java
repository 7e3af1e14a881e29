package org.invitations.invitation;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
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
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.DynamicUpdate;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.invitations.directory.Associate;
import org.invitations.invitation.NewMeeting.ParticipantRef;
import org.invitations.shared.InvalidRequest;
import org.invitations.shared.InvalidTransition;

/**
 * The text and time shared by all records of one meeting or task. The owner's master record and every
 * participant record point here; each record keeps its own status.
 */
// Only the columns that changed are written, so the database maintains only the indexes they are in.
@DynamicUpdate
@Entity
@Table(name = "appointment")
public class Appointment {

    /**
     * The longest meeting. Bounding it lets the conflict check and the diary read a participant's
     * bookings as an index range instead of its whole history.
     */
    public static final Duration MAX_LENGTH = Duration.ofDays(31);

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

    /** The owner's text; each record keeps its own copy. */
    @Embedded
    private RecordText text;

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

    /** The IANA zone its times were written in: the owner's, unless the create named one. Times stay UTC. */
    @Column(name = "time_zone", nullable = false, length = 64)
    private String timeZone = org.invitations.shared.TimeZones.UTC;

    /**
     * Set on a series itself (the "recurring master"): the RFC 5545 RRULE its occurrences follow, as
     * {@link Recurrences} normalised it (COUNT, or UNTIL in UTC). Null on single appointments and occurrences.
     */
    @Column(name = "recurrence_rule", length = 500)
    private String recurrenceRule;

    /** Set on an occurrence: the series it belongs to (whose id is the seriesId). */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "series_id")
    private Appointment series;

    /** Set on an occurrence: its original start, which names it in its series forever (RECURRENCE-ID). */
    @Column(name = "recurrence_id")
    private Instant recurrenceId;

    /** A series' occurrences in recurrence order; empty for anything else. Read lazily, written one by one. */
    @OneToMany(mappedBy = "series")
    @OrderBy("recurrenceId")
    private List<Appointment> occurrences = new ArrayList<>();

    /** Optimistic check behind the row lock that every change takes first (see {@link Appointments#locked}). */
    @Version
    @Column(nullable = false)
    private int version;

    /** The owner's master record and every participant's, in creation order; written with the appointment. */
    @OneToMany(mappedBy = "appointment", cascade = CascadeType.PERSIST)
    @OrderBy("id")
    private List<ParticipantRecord> records = new ArrayList<>();

    protected Appointment() {
    }

    Appointment(Associate owner, AppointmentType type, RecordText text, Instant startsAt, Instant endsAt,
                Instant createdAt) {
        if (type == AppointmentType.MEETING) {
            requireSlot(startsAt, endsAt);
        }
        this.owner = owner;
        this.type = type;
        this.text = text;
        this.startsAt = startsAt;
        this.endsAt = endsAt;
        this.createdAt = createdAt;
    }

    /**
     * A new series (the "recurring master"): the first occurrence's slot, the zone it repeats in and its
     * normalised rule. Its occurrences are added with {@link #addOccurrence}.
     */
    static Appointment series(Associate owner, AppointmentType type, RecordText text, SeriesRule rule,
                              Instant createdAt) {
        SeriesRule.Slot first = rule.occurrences().get(0);
        Appointment series = new Appointment(owner, type, text, first.start(), first.end(), createdAt);
        series.timeZone = org.invitations.shared.TimeZones.idOf(rule.zone());
        series.recurrenceRule = rule.rrule();
        return series;
    }

    /**
     * One occurrence of this series in its slot: the series' owner, type, text and zone, named by its
     * original start. Its records are added as for any appointment (they follow the series' answer).
     */
    Appointment addOccurrence(SeriesRule.Slot slot, Instant now) {
        if (!isSeries()) {
            throw new IllegalStateException("appointment " + id + " is not a series");
        }
        Appointment occurrence = new Appointment(owner, type, text, slot.start(), slot.end(), now);
        occurrence.timeZone = timeZone;
        occurrence.series = this;
        occurrence.recurrenceId = slot.start();
        occurrences.add(occurrence);
        return occurrence;
    }

    /**
     * A meeting's slot: the end after the start, and at most {@link #MAX_LENGTH} long. The services
     * call it before any database work, so a bad slot is refused first; the appointment checks it
     * again whenever it takes a slot.
     */
    public static void requireSlot(Instant start, Instant end) {
        if (!end.isAfter(start)) {
            throw new InvalidRequest("end", "end must be after start");
        }
        if (Duration.between(start, end).compareTo(MAX_LENGTH) > 0) {
            throw new InvalidRequest("end", "a meeting lasts at most " + MAX_LENGTH.toDays()
                    + " days; book longer absences as several appointments");
        }
    }

    // ------------------------------------------------------------------ who takes part

    /** The owner's own record ("include myself"): booked, never an invitation. */
    ParticipantRecord includeOwner(Instant now) {
        return add(ParticipantRecord.master(this, now));
    }

    /**
     * A new participant: an associate is invited (5), or booked (1) without invitations; persons and
     * resources are booked. One who was removed earlier is asked or booked again as if new; one who
     * takes part already is refused, with {@code field} naming it in the request.
     */
    ParticipantRecord addParticipant(ParticipantRef ref, Participants found, boolean sendInvitations, boolean busy,
                                     Instant now, String field) {
        requireNotCancelled(Status.BOOKED);
        if (type == AppointmentType.TASK && ref.kind() != ParticipantKind.ASSOCIATE) {
            throw new InvalidRequest(field, "a task is distributed to associates only; "
                    + Participants.name(ref.kind()) + " " + ref.id() + " cannot take a task");
        }
        ParticipantRecord existing = recordOf(ref);
        if (existing == null) {
            return add(switch (ref.kind()) {
                case ASSOCIATE -> ParticipantRecord.forAssociate(this, found.associates.get(ref.id()),
                        sendInvitations, busy, now);
                case PERSON -> ParticipantRecord.forPerson(this, found.persons.get(ref.id()), now);
                case RESOURCE -> ParticipantRecord.forResource(this, found.resources.get(ref.id()), busy, now);
            });
        }
        if (existing.getStatus() != Status.CANCELLED) {
            throw new InvalidRequest(field, Participants.name(ref.kind()) + " " + ref.id()
                    + " already takes part in appointment " + id);
        }
        existing.reinstate(sendInvitations, busy, now);
        return existing;
    }

    /** A participant leaves: its record becomes 10, and it may be added again later. Returns that record. */
    ParticipantRecord removeParticipant(ParticipantRef ref, Instant now, String field) {
        requireNotCancelled(Status.CANCELLED);
        ParticipantRecord record = recordOf(ref);
        if (record == null || record.getStatus() == Status.CANCELLED) {
            throw new InvalidRequest(field, Participants.name(ref.kind()) + " " + ref.id()
                    + " is not a participant of appointment " + id);
        }
        record.cancel(now);
        return record;
    }

    /** The ids of the participants of this kind still taking part (not removed); the owner's record aside. */
    Set<Long> takingPart(ParticipantKind kind) {
        Set<Long> ids = new HashSet<>();
        for (ParticipantRecord record : records) {
            if (!record.isMaster() && record.getKind() == kind && record.getStatus() != Status.CANCELLED) {
                ids.add(record.getParticipantId());
            }
        }
        return ids;
    }

    /**
     * The people it gathers, as a resource's capacity counts them: associates (the owner's own record
     * included) and persons taking part, neither cancelled nor declined.
     */
    int people() {
        int people = 0;
        for (ParticipantRecord record : records) {
            if (record.getKind() != ParticipantKind.RESOURCE && record.getStatus() != Status.CANCELLED
                    && record.getStatus() != Status.DECLINED) {
                people++;
            }
        }
        return people;
    }

    private ParticipantRecord add(ParticipantRecord record) {
        records.add(record);
        return record;
    }

    private ParticipantRecord recordOf(ParticipantRef ref) {
        for (ParticipantRecord record : records) {
            if (!record.isMaster() && record.getKind() == ref.kind() && record.getParticipantId() == ref.id()) {
                return record;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ what the owner does

    /**
     * New start and end, and the sequence goes up. Every associate invitee who saw or answered is asked
     * again (6); {@code conflicts} is asked about each participant in the new slot.
     */
    void moveTo(Instant newStart, Instant newEnd, java.util.function.Function<Appointment, Conflicts> conflicts,
                Instant now) {
        requireNotCancelled(Status.MOVED);
        if (type == AppointmentType.MEETING) {
            requireSlot(newStart, newEnd);
        }
        this.startsAt = newStart;
        this.endsAt = newEnd;
        this.sequence++;
        Conflicts busy = conflicts.apply(this);
        records.forEach(r -> r.moveTo(newStart, newEnd, busy.isBusy(r), now));
        if (isOccurrence()) {
            // moved on its own: its invitees answer this occurrence apart from the series
            records.forEach(ParticipantRecord::leaveSeries);
        }
    }

    /**
     * This series or one of its occurrences takes the new slot of a change of the whole series: as
     * {@link #moveTo}, but an occurrence's records that follow the series keep following it, so the
     * invitee is asked again through the one series invitation.
     */
    void moveWithSeries(Instant newStart, Instant newEnd, Conflicts busy, Instant now) {
        if (!isSeries() && !isOccurrence()) {
            throw new IllegalStateException("appointment " + id + " is not part of a series");
        }
        requireNotCancelled(Status.MOVED);
        if (type == AppointmentType.MEETING) {
            requireSlot(newStart, newEnd);
        }
        this.startsAt = newStart;
        this.endsAt = newEnd;
        this.sequence++;
        records.forEach(r -> r.moveTo(newStart, newEnd, busy.isBusy(r), now));
    }

    /**
     * Cancels one occurrence on its own (its records 10, no longer following the series: the series
     * goes on without it). Returns false when it was cancelled already.
     */
    boolean cancelOnItsOwn(Instant now) {
        if (!cancel(now)) {
            return false;
        }
        records.forEach(ParticipantRecord::leaveSeries);
        return true;
    }

    /**
     * The series' rule changes: its end cut short (then the sequence goes up, as iCalendar's does for a
     * changed RRULE, with {@code raiseSequence}), or its UNTIL kept in step with a move that raises it anyway.
     */
    void changeRule(String rule, boolean raiseSequence) {
        if (!isSeries()) {
            throw new IllegalStateException("appointment " + id + " is not a series");
        }
        requireNotCancelled(Status.BOOKED);
        if (!rule.equals(recurrenceRule)) {
            recurrenceRule = rule;
            if (raiseSequence) {
                sequence++;
            }
        }
    }

    /**
     * Splits this series at {@code first} ("this and following"): a new series (same owner, type, text
     * and zone) with {@code followingRule}, starting at {@code first}'s original start and lasting as
     * this series does, gets copies of this series' records (answers, seen, reasons) and the occurrences
     * from {@code first} on; this series keeps the earlier ones under {@code truncatedRule}. Nothing is
     * duplicated or lost: each occurrence belongs to exactly one of the two. The new series is not yet
     * persisted.
     */
    Appointment splitAt(Appointment first, String truncatedRule, String followingRule, Instant now) {
        int at = occurrences.indexOf(first);
        if (!isSeries() || at <= 0) {
            throw new IllegalStateException("appointment " + (first == null ? null : first.getId())
                    + " is not a later occurrence of series " + id);
        }
        requireNotCancelled(Status.MOVED);
        Instant start = first.getRecurrenceId();
        Appointment next = new Appointment(owner, type, text, start, start.plus(Duration.between(startsAt, endsAt)),
                now);
        next.timeZone = timeZone;
        next.recurrenceRule = followingRule;
        for (ParticipantRecord record : records) {
            next.records.add(ParticipantRecord.copyOf(record, next, now));
        }
        List<Appointment> following = new ArrayList<>(occurrences.subList(at, occurrences.size()));
        occurrences.subList(at, occurrences.size()).clear();
        for (Appointment occurrence : following) {
            occurrence.series = next;
            next.occurrences.add(occurrence);
        }
        changeRule(truncatedRule, true);
        return next;
    }

    /** A task's due date moves: colleagues who answered are asked again, as for a moved meeting. */
    public void moveDue(Instant due, Instant now) {
        if (isSeries()) {
            throw new InvalidRequest("appointmentId", "appointment " + id + " is a task series; give the due date"
                    + " of one occurrence with that occurrence's appointmentId");
        }
        moveTo(due, due, task -> Conflicts.none(), now);
    }

    /**
     * The owner's new text. The owner's record always follows; the participants' records follow only
     * with {@code updateAllRecords}, and never a cancelled one.
     */
    void changeText(RecordText newText, boolean updateAllRecords) {
        requireNotCancelled(Status.BOOKED);
        this.text = newText;
        for (ParticipantRecord record : records) {
            if (record.isMaster() || updateAllRecords && record.getStatus() != Status.CANCELLED) {
                record.copyTextOf(this);
            }
        }
    }

    /** Every record becomes 10. Returns false when it was already cancelled, so a retried cancel changes nothing. */
    boolean cancel(Instant now) {
        if (cancelledAt != null) {
            return false;
        }
        cancelledAt = now;
        records.forEach(r -> r.cancel(now));
        return true;
    }

    // ------------------------------------------------------------------ what a participant does

    /**
     * The participant says yes on its own record. Returns whether anything changed: a retried
     * accept of an accepted record changes nothing, and nobody needs to hear of it.
     */
    boolean accept(ParticipantRecord record, Instant now) {
        return own(record).accept(now);
    }

    /** Maybe. Returns false when the record was tentative already. */
    boolean acceptTentatively(ParticipantRecord record, Instant now) {
        return own(record).acceptTentatively(now);
    }

    /** No, with an optional reason. Always a change: declining again is a new answer, with a new reason and time. */
    boolean decline(ParticipantRecord record, String reason, Instant now) {
        own(record).decline(reason, now);
        return true;
    }

    /** Opened without an answer. Returns false when it was seen already. */
    boolean markSeen(ParticipantRecord record, Instant now) {
        return own(record).markSeen(now);
    }

    /** No answer now. Returns false when the invitation was no longer new already. */
    boolean postpone(ParticipantRecord record, Instant now) {
        return own(record).postpone(now);
    }

    /** The colleague's progress on this task, on its own accepted record; the percentage decides the status. */
    public void reportProgress(ParticipantRecord record, int percent, BigDecimal hours, String note, Instant now) {
        own(record).reportProgress(percent, hours, note, now);
    }

    /**
     * An external person's reply from its own calendar on its record of this appointment (see
     * {@link ParticipantRecord#takeReply}); refused for a cancelled appointment.
     */
    public ExternalReply.Effect takeExternalReply(ParticipantRecord record, ExternalReply reply, Instant now) {
        requireNotCancelled(Status.BOOKED);
        return own(record).takeReply(reply, now);
    }

    /** The owner takes note of a participant's refusal. */
    void acknowledgeDecline(ParticipantRecord record, Instant now) {
        own(record).acknowledgeDecline(now);
    }

    /** A record of this appointment; any other is a programming error, never the caller's. */
    private ParticipantRecord own(ParticipantRecord record) {
        Appointment of = record.getAppointment();
        if (of != this && (id == null || !id.equals(of.getId()))) {
            throw new IllegalArgumentException("record " + record.getId() + " belongs to appointment "
                    + of.getId() + ", not to " + id);
        }
        return record;
    }

    /** Nothing but cancelling again may happen to a cancelled appointment. */
    private void requireNotCancelled(Status requested) {
        if (cancelledAt != null) {
            throw new InvalidTransition("appointmentId", id, Status.CANCELLED.code(), requested.code(),
                    "Appointment " + id + " was cancelled (10) and cannot become " + requested.code()
                            + " (" + requested + ")");
        }
    }

    /** Set once, when the appointment is made: the zone its times were written in. */
    void writtenIn(java.time.ZoneId zone) {
        this.timeZone = org.invitations.shared.TimeZones.idOf(zone);
    }

    /** The zone its times were written in. */
    public java.time.ZoneId getTimeZone() {
        return java.time.ZoneId.of(timeZone);
    }

    /** The IANA id of {@link #getTimeZone()}. */
    public String getTimeZoneId() {
        return timeZone;
    }

    public boolean isCancelled() {
        return cancelledAt != null;
    }

    /** A series itself (the "recurring master"): it has a rule, and its occurrences point to it. */
    public boolean isSeries() {
        return recurrenceRule != null;
    }

    /** One occurrence of a series. */
    public boolean isOccurrence() {
        return series != null;
    }

    /** The RFC 5545 rule of a series, as stored; null for anything else. */
    public String getRecurrenceRule() {
        return recurrenceRule;
    }

    /** The series of an occurrence; null for anything else. */
    public Appointment getSeries() {
        return series;
    }

    /** The id of the series of an occurrence (without loading the series); null for anything else. */
    public Long getSeriesId() {
        return series == null ? null : series.getId();
    }

    /** An occurrence's original start (its RECURRENCE-ID); null for anything else. */
    public Instant getRecurrenceId() {
        return recurrenceId;
    }

    /** A series' occurrences in recurrence order, cancelled ones included; empty for anything else. */
    public List<Appointment> getOccurrences() {
        return java.util.Collections.unmodifiableList(occurrences);
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

    /** Every record, the owner's included, in creation order; changed only through this appointment. */
    public List<ParticipantRecord> getRecords() {
        return java.util.Collections.unmodifiableList(records);
    }

    /** The participants' records, without the owner's. */
    public List<ParticipantRecord> getParticipantRecords() {
        return records.stream().filter(r -> !r.isMaster()).toList();
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
