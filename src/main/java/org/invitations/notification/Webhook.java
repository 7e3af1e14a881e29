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

    /**
     * The URL. Registration refuses credentials in it (user:password@); one stored before that is
     * shown, audited and called without them (the HTTP client never sent them anyway).
     */
    public String getUrl() {
        int start = url.indexOf("://");
        if (start < 0) {
            return url;
        }
        int end = start + 3;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        int at = url.lastIndexOf('@', end - 1);
        return at < start ? url : url.substring(0, start + 3) + url.substring(at + 1);
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
