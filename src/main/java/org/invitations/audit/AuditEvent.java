package org.invitations.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One change, written in the same transaction as the change itself, and never updated. */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_event_seq")
    @SequenceGenerator(name = "audit_event_seq", sequenceName = "audit_event_seq", allocationSize = 50)
    private Long id;

    @Column(name = "occurred_at", nullable = false)
    private Instant at;

    @Column(name = "associate_id")
    private Long associateId;

    @Column(nullable = false, length = 40)
    private String username;

    @Column(length = 40)
    private String integration;

    @Column(nullable = false, length = 40)
    private String operation;

    @Column(name = "target_type", nullable = false, length = 20)
    private String targetType;

    @Column(name = "target_id")
    private Long targetId;

    @Column(length = 500)
    private String detail;

    protected AuditEvent() {
    }

    AuditEvent(Instant at, Long associateId, String username, String integration, String operation,
               String targetType, Long targetId, String detail) {
        this.at = at;
        this.associateId = associateId;
        this.username = username;
        this.integration = integration;
        this.operation = operation;
        this.targetType = targetType;
        this.targetId = targetId;
        this.detail = detail == null || detail.length() <= 500 ? detail : detail.substring(0, 497) + "...";
    }

    public Long getId() {
        return id;
    }

    public Instant getAt() {
        return at;
    }

    public Long getAssociateId() {
        return associateId;
    }

    public String getUsername() {
        return username;
    }

    public String getIntegration() {
        return integration;
    }

    public String getOperation() {
        return operation;
    }

    public String getTargetType() {
        return targetType;
    }

    public Long getTargetId() {
        return targetId;
    }

    public String getDetail() {
        return detail;
    }
}
