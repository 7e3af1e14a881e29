package org.invitations.reply;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Table;
import java.time.Instant;
import org.invitations.invitation.ExternalAnswer;

/**
 * One received calendar message and what the service did with it: written once, in the transaction that
 * applied or refused it (for a message read from a mailbox, the one that also claimed it), never changed. The message
 * itself is not kept, only what was read from it and a SHA-256 of its text, which tells copies apart.
 */
@Entity
@Table(name = "calendar_reply")
public class CalendarReply {

    /** The longest reason kept. */
    static final int MAX_REASON = 500;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "calendar_reply_seq")
    @SequenceGenerator(name = "calendar_reply_seq", sequenceName = "calendar_reply_seq", allocationSize = 1)
    private Long id;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "received_by", nullable = false, length = 10)
    private ReplySource source;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private ReplyOutcome outcome;

    @Column(length = MAX_REASON)
    private String reason;

    @Column(name = "calendar_method", length = 20)
    private String method;

    @Column(name = "calendar_uid", length = 255)
    private String uid;

    @Column(length = 254)
    private String attendee;

    @Column(name = "sequence_no")
    private Integer sequence;

    @Column
    private Instant dtstamp;

    @Column(name = "recurrence_id")
    private Instant recurrenceId;

    @Column(name = "appointment_id")
    private Long appointmentId;

    @Column(name = "person_id")
    private Long personId;

    @Enumerated(EnumType.STRING)
    @Column(length = 10)
    private ExternalAnswer answer;

    @Column(name = "content_hash", nullable = false, length = 64)
    private String contentHash;

    /** The proposal an applied COUNTER made. */
    @Column(name = "proposal_id")
    private Long proposalId;

    protected CalendarReply() {
    }

    CalendarReply(Instant receivedAt, ReplySource source, String contentHash, ItipReply read, ReplyOutcome outcome,
                  String reason, Long appointmentId, Long personId, Long proposalId) {
        this.receivedAt = receivedAt;
        this.source = source;
        this.contentHash = contentHash;
        this.outcome = outcome;
        this.reason = cut(reason, MAX_REASON);
        this.appointmentId = appointmentId;
        this.personId = personId;
        this.proposalId = proposalId;
        if (read != null) {
            this.method = cut(read.method(), 20);
            this.uid = cut(read.uid(), 255);
            this.attendee = cut(read.attendee(), 254);
            this.sequence = read.sequence();
            this.dtstamp = read.dtstamp();
            this.recurrenceId = read.recurrenceId();
            // a COUNTER's PARTSTAT is no answer given: the person's answer stays as it was
            this.answer = "REPLY".equals(read.method()) ? read.answer() : null;
        }
    }

    private static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    public Long getId() {
        return id;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }

    public ReplySource getSource() {
        return source;
    }

    public ReplyOutcome getOutcome() {
        return outcome;
    }

    public String getReason() {
        return reason;
    }

    public String getMethod() {
        return method;
    }

    public String getUid() {
        return uid;
    }

    public String getAttendee() {
        return attendee;
    }

    public Integer getSequence() {
        return sequence;
    }

    public Instant getDtstamp() {
        return dtstamp;
    }

    public Instant getRecurrenceId() {
        return recurrenceId;
    }

    public Long getAppointmentId() {
        return appointmentId;
    }

    public Long getPersonId() {
        return personId;
    }

    public ExternalAnswer getAnswer() {
        return answer;
    }

    public Long getProposalId() {
        return proposalId;
    }

    public String getContentHash() {
        return contentHash;
    }
}
