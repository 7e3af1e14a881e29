package org.invitations.invitation;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/**
 * A create the owner sent with its own request id: which appointment it made, and a hash of what was
 * asked, so that a retry (on any node) returns that appointment and a different request under the
 * same id is refused. The primary key (owner, request id) makes two concurrent first tries collide.
 */
@Entity
@Table(name = "client_request")
public class ClientRequest {

    /** The owner and its request id. */
    @Embeddable
    public record Key(@Column(name = "owner_id") long ownerId, @Column(name = "request_id", length = 64)
                      String requestId) implements Serializable {
    }

    @EmbeddedId
    private Key key;

    @Column(name = "request_hash", nullable = false, length = 64)
    private String requestHash;

    @Column(name = "appointment_id", nullable = false)
    private long appointmentId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ClientRequest() {
    }

    public ClientRequest(Key key, String requestHash, long appointmentId, Instant createdAt) {
        this.key = key;
        this.requestHash = requestHash;
        this.appointmentId = appointmentId;
        this.createdAt = createdAt;
    }

    public boolean sameRequest(String hash) {
        return requestHash.equals(hash);
    }

    public long getAppointmentId() {
        return appointmentId;
    }
}
