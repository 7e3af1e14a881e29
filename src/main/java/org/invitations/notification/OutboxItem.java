package org.invitations.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import java.time.Duration;
import java.time.Instant;

/**
 * One thing to deliver: an event to a webhook, a confirmation e-mail or an SMS. Written in the
 * transaction of the change it tells of, so it exists exactly when the change does; delivered after
 * commit by the {@link Dispatcher}, at least once. Items with the same order key (one appointment, one
 * destination) are delivered one after the other in id order; ids come one at a time from the sequence,
 * inside the appointment's lock, so id order is the order of the changes, on every node.
 */
// Only the columns that changed are written, so the database maintains only the indexes they are in.
@DynamicUpdate
@Entity
@Table(name = "outbox_item")
public class OutboxItem {

    /** What kind of delivery. */
    public enum Kind { WEBHOOK, EMAIL, SMS }

    /** Where it stands. HELD: an e-mail kept for the owner's client to send (no SMTP relay). */
    public enum State { HELD, PENDING, DELIVERED, DEAD }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outbox_seq")
    @SequenceGenerator(name = "outbox_seq", sequenceName = "outbox_seq", allocationSize = 1)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private Kind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private State state;

    @Column(name = "appointment_id", nullable = false)
    private long appointmentId;

    @Column(name = "order_key", nullable = false, length = 80)
    private String orderKey;

    /** The webhook's URL, the e-mail address or the mobile number. */
    @Column(nullable = false, length = 2000)
    private String destination;

    @Column(name = "webhook_id")
    private Long webhookId;

    @Column(name = "person_id")
    private Long personId;

    @Column(name = "event_id", length = 36)
    private String eventId;

    @Column(name = "event_type", length = 40)
    private String eventType;

    /** REQUEST, CANCEL or DECLINECOUNTER, for an e-mail. */
    @Column(name = "calendar_method", length = 20)
    private String method;

    @Column(name = "sequence_no")
    private Integer sequence;

    /**
     * The JSON event, the RFC 5322 message, or the SMS text: as long as the contract makes it (a CLOB on
     * Derby, TEXT on PostgreSQL), read and written as a string, never as a PostgreSQL large object.
     */
    @JdbcTypeCode(SqlTypes.LONG32VARCHAR)
    @Column(nullable = false)
    private String payload;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    @Column(name = "lease_owner", length = 60)
    private String leaseOwner;

    @Column(name = "lease_until")
    private Instant leaseUntil;

    @Column(name = "last_error", length = 500)
    private String lastError;

    protected OutboxItem() {
    }

    private OutboxItem(Kind kind, State state, long appointmentId, String orderKey, String destination,
                       String payload, Instant now) {
        this.kind = kind;
        this.state = state;
        this.appointmentId = appointmentId;
        this.orderKey = orderKey;
        this.destination = destination;
        this.payload = payload;
        this.createdAt = now;
        this.nextAttemptAt = now;
    }

    static OutboxItem event(Webhook webhook, long appointmentId, String eventId, String eventType, String json,
                            Instant now) {
        OutboxItem item = new OutboxItem(Kind.WEBHOOK, State.PENDING, appointmentId,
                appointmentId + "/webhook/" + webhook.getId(), webhook.getUrl(), json, now);
        item.webhookId = webhook.getId();
        item.eventId = eventId;
        item.eventType = eventType;
        return item;
    }

    static OutboxItem email(long appointmentId, long personId, String address, String method, int sequence,
                            String mime, boolean relayConfigured, Instant now) {
        OutboxItem item = new OutboxItem(Kind.EMAIL, relayConfigured ? State.PENDING : State.HELD, appointmentId,
                appointmentId + "/mail/" + personId, address, mime, now);
        item.personId = personId;
        item.method = method;
        item.sequence = sequence;
        return item;
    }

    static OutboxItem sms(long appointmentId, long personId, String mobile, String text, Instant now) {
        OutboxItem item = new OutboxItem(Kind.SMS, State.PENDING, appointmentId, appointmentId + "/sms/" + personId,
                mobile, text, now);
        item.personId = personId;
        return item;
    }

    /** Delivered: never tried again. */
    void delivered(Instant now) {
        state = State.DELIVERED;
        deliveredAt = now;
        leaseOwner = null;
        leaseUntil = null;
        lastError = null;
        attempts++;
    }

    /**
     * A try failed: tried again after {@code delay}, or given up (DEAD) when it would then be older
     * than {@code maxAge}, or at once when the failure is permanent.
     */
    void failed(String error, Duration delay, Duration maxAge, boolean permanent, Instant now) {
        attempts++;
        lastError = error == null ? null : error.length() > 500 ? error.substring(0, 500) : error;
        leaseOwner = null;
        leaseUntil = null;
        Instant next = now.plus(delay);
        if (permanent || next.isAfter(createdAt.plus(maxAge))) {
            state = State.DEAD;
        } else {
            nextAttemptAt = next;
        }
    }

    /** An ADMIN resends a dead item: tried at once, and its age starts again. */
    void resend(Instant now) {
        state = State.PENDING;
        createdAt = now;
        nextAttemptAt = now;
        lastError = null;
    }

    public Long getId() {
        return id;
    }

    public Kind getKind() {
        return kind;
    }

    public State getState() {
        return state;
    }

    public long getAppointmentId() {
        return appointmentId;
    }

    public String getDestination() {
        return destination;
    }

    public Long getWebhookId() {
        return webhookId;
    }

    public Long getPersonId() {
        return personId;
    }

    public String getEventId() {
        return eventId;
    }

    public String getEventType() {
        return eventType;
    }

    public String getMethod() {
        return method;
    }

    public Integer getSequence() {
        return sequence;
    }

    public String getPayload() {
        return payload;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    String leaseOwnerForDispatcher() {
        return leaseOwner;
    }

    public String getLastError() {
        return lastError;
    }
}
