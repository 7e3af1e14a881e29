package org.invitations.invitation;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A create the owner sent with its own request id: which appointment it made, the
 * {@link RequestFingerprint} of what was asked, the notification options and what they wrote, so that a
 * retry (on any node) answers as the first call did, and a different request under the same id (other
 * meeting data or other options) is refused. The primary key (owner, request id) makes two concurrent
 * first tries collide.
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
    private String fingerprint;

    @Column(name = "appointment_id", nullable = false)
    private long appointmentId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** The options asked for: NONE, CONFIRMATION, SMS or BOTH; null in rows written before they were kept. */
    @Column(name = "notify", length = 16)
    private String notify;

    /**
     * What the create wrote for the owner to see, when options were asked for: "confirmations,sms" and then
     * ",EMAIL:personId" or ",SMS:personId" for each person skipped, in the answer's order. At most 500
     * participants, each skipped on two channels, fit: 2 * 500 * 26 characters.
     */
    @Column(name = "notices", length = 32000)
    private String report;

    protected ClientRequest() {
    }

    public ClientRequest(Key key, String fingerprint, SendOptions notify, SendReport sent,
                         long appointmentId, Instant createdAt) {
        this.key = key;
        this.fingerprint = fingerprint;
        this.notify = code(notify);
        this.report = sent.asked() ? encode(sent) : null;
        this.appointmentId = appointmentId;
        this.createdAt = createdAt;
    }

    /**
     * The same meeting data (by its {@link RequestFingerprint}, of either version), and the same options
     * (unless this row predates keeping them).
     */
    public boolean sameRequest(NewMeeting meeting, SendOptions options) {
        return RequestFingerprint.matches(fingerprint, meeting) && (notify == null || notify.equals(code(options)));
    }

    /** What the first call answered about its notifications, the skipped persons named by {@code names}. */
    public SendReport sendReport(Function<List<Long>, Map<Long, String>> names) {
        if (report == null) {
            return SendReport.NONE;
        }
        String[] parts = report.split(",");
        List<Long> ids = new ArrayList<>();
        for (int i = 2; i < parts.length; i++) {
            ids.add(Long.parseLong(parts[i].substring(parts[i].indexOf(':') + 1)));
        }
        Map<Long, String> named = ids.isEmpty() ? Map.of() : names.apply(ids);
        List<SendReport.Skipped> skipped = new ArrayList<>();
        for (int i = 2; i < parts.length; i++) {
            int colon = parts[i].indexOf(':');
            long personId = Long.parseLong(parts[i].substring(colon + 1));
            skipped.add(new SendReport.Skipped(personId, named.get(personId), parts[i].substring(0, colon)));
        }
        return new SendReport(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), skipped, true);
    }

    private static String code(SendOptions notify) {
        if (notify.confirmation()) {
            return notify.sms() ? "BOTH" : "CONFIRMATION";
        }
        return notify.sms() ? "SMS" : "NONE";
    }

    private static String encode(SendReport sent) {
        StringBuilder text = new StringBuilder().append(sent.confirmations()).append(',').append(sent.sms());
        for (SendReport.Skipped skipped : sent.skipped()) {
            text.append(',').append(skipped.channel()).append(':').append(skipped.personId());
        }
        return text.toString();
    }

    public long getAppointmentId() {
        return appointmentId;
    }
}
