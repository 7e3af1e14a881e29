package org.invitations.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An HTTP endpoint an ADMIN registered for events, with the shared secret each event's signature is
 * made with. The secret is kept as given: an HMAC needs it, so it cannot be hashed like a password.
 */
@Entity
@Table(name = "webhook")
public class Webhook {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "webhook_seq")
    @SequenceGenerator(name = "webhook_seq", sequenceName = "webhook_seq", allocationSize = 1)
    private Long id;

    @Column(nullable = false, length = 2000)
    private String url;

    @Column(nullable = false, length = 200)
    private String secret;

    @Column(name = "created_by", nullable = false)
    private long createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "removed_at")
    private Instant removedAt;

    protected Webhook() {
    }

    Webhook(String url, String secret, long createdBy, Instant createdAt) {
        this.url = url;
        this.secret = secret;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    void remove(Instant now) {
        if (removedAt == null) {
            removedAt = now;
        }
    }

    public Long getId() {
        return id;
    }

    public String getUrl() {
        return url;
    }

    String getSecret() {
        return secret;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public boolean isRemoved() {
        return removedAt != null;
    }
}
