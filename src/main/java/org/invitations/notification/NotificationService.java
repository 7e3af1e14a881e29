package org.invitations.notification;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.hibernate.SessionFactory;
import org.invitations.audit.AuditLog;
import org.invitations.invitation.Appointments;
import org.invitations.security.Caller;
import org.invitations.shared.InvalidRequest;
import org.invitations.shared.NotAllowed;
import org.invitations.shared.NotFound;
import org.invitations.shared.Page;
import org.invitations.shared.PageToken;
import org.invitations.shared.Transactions;

/**
 * What users see of notifications: the owner reads an appointment's confirmation messages; an ADMIN
 * registers and removes webhooks, lists what was given up on and sends it again. One transaction each.
 */
public final class NotificationService {

    private final SessionFactory sessionFactory;
    private final Clock clock;
    private final AuditLog audit;
    private final WebhookTargets targets;

    public NotificationService(SessionFactory sessionFactory, Clock clock, AuditLog audit, WebhookTargets targets) {
        this.sessionFactory = sessionFactory;
        this.clock = clock;
        this.audit = audit;
        this.targets = targets;
    }

    /**
     * The confirmations generated for an appointment, oldest first; only its owner reads them. Those of a
     * series and of its occurrences are one calendar entry's, kept under the series: asked for an
     * occurrence, they are the series' too.
     */
    public List<OutboxItem> confirmations(Caller owner, long appointmentId) {
        return Transactions.run(sessionFactory, session -> {
            var appointment = Appointments.owned(session, owner, appointmentId, "read the confirmations of", null);
            long keptUnder = appointment.isOccurrence() ? appointment.getSeriesId() : appointmentId;
            return session.createSelectionQuery("""
                            from OutboxItem o where o.appointmentId = :id and o.kind = :email order by o.id""",
                            OutboxItem.class)
                    .setParameter("id", keptUnder)
                    .setParameter("email", OutboxItem.Kind.EMAIL)
                    .getResultList();
        });
    }

    /**
     * Every event from now on goes to {@code url} too, signed with {@code secret}. A URL with
     * credentials (user:password@) is refused, so they are neither stored nor shown; so is a host the
     * {@link WebhookTargets} refuse (the service's own host or network, unless the operator allows it).
     */
    public Webhook register(Caller admin, String url, String secret) {
        requireAdmin(admin, "register a webhook");
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            // the reason and where, not the input: it may hold a password
            throw new InvalidRequest("url", "url is not a URI: " + e.getReason() + " at index " + e.getIndex());
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidRequest("url", "url must not carry credentials (user:password@); the receiver checks"
                    + " each event's signature, made with the secret");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new InvalidRequest("url", "url must be an absolute http or https URL with a host");
        }
        targets.refusalOf(uri).ifPresent(reason -> {
            throw new InvalidRequest("url", reason);
        });
        return Transactions.run(sessionFactory, session -> {
            Webhook webhook = new Webhook(url, secret, admin.associateId(), clock.instant());
            session.persist(webhook);
            audit.record(session, admin, "RegisterWebhook", "webhook", webhook.getId(), url);
            return webhook;
        });
    }

    public List<Webhook> webhooks(Caller admin) {
        requireAdmin(admin, "list webhooks");
        return Transactions.run(sessionFactory, session -> session.createSelectionQuery(
                "from Webhook w where w.removedAt is null order by w.id", Webhook.class).getResultList());
    }

    /** No new events go to it; what is still waiting for it is dropped (marked DEAD with a reason). */
    public Webhook remove(Caller admin, long webhookId) {
        requireAdmin(admin, "remove a webhook");
        return Transactions.run(sessionFactory, session -> {
            Webhook webhook = session.find(Webhook.class, webhookId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            if (webhook == null || webhook.isRemoved()) {
                throw new NotFound("webhook", webhookId, "webhookId");
            }
            Instant now = clock.instant();
            webhook.remove(now);
            session.createMutationQuery("""
                            update OutboxItem o set o.state = :dead, o.lastError = 'the webhook was removed'
                            where o.webhookId = :id and o.state = :pending""")
                    .setParameter("dead", OutboxItem.State.DEAD)
                    .setParameter("pending", OutboxItem.State.PENDING)
                    .setParameter("id", webhookId)
                    .executeUpdate();
            audit.record(session, admin, "RemoveWebhook", "webhook", webhookId, webhook.getUrl());
            return webhook;
        });
    }

    /** What was given up on, oldest first. */
    public Page<OutboxItem> dead(Caller admin, int pageSize, PageToken after) {
        requireAdmin(admin, "list dead deliveries");
        return Transactions.run(sessionFactory, session -> Page.of(session.createSelectionQuery("""
                                from OutboxItem o where o.state = :dead and o.id > :after order by o.id""",
                        OutboxItem.class)
                .setParameter("dead", OutboxItem.State.DEAD)
                .setParameter("after", after == null ? 0L : after.id())
                .setMaxResults(pageSize + 1)
                .getResultList(), pageSize, o -> PageToken.afterId(o.getId())));
    }

    /** A dead delivery goes back in the queue, tried at once with a fresh age. */
    public OutboxItem resend(Caller admin, long deliveryId) {
        requireAdmin(admin, "resend a delivery");
        return Transactions.run(sessionFactory, session -> {
            // locked: of two ADMINs resending at once, the second sees it queued already
            OutboxItem item = session.find(OutboxItem.class, deliveryId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            if (item == null) {
                throw new NotFound("delivery", deliveryId, "deliveryId");
            }
            if (item.getState() != OutboxItem.State.DEAD) {
                throw new InvalidRequest("deliveryId", "delivery " + deliveryId + " is " + item.getState()
                        + "; only a DEAD delivery is sent again");
            }
            if (item.getWebhookId() != null) {
                Webhook webhook = session.find(Webhook.class, item.getWebhookId());
                if (webhook == null || webhook.isRemoved()) {
                    throw new InvalidRequest("deliveryId", "the webhook of delivery " + deliveryId
                            + " was removed; register it again and changes from then on reach it");
                }
            }
            item.resend(clock.instant());
            audit.record(session, admin, "ResendDelivery", "delivery", deliveryId, item.getDestination());
            return item;
        });
    }

    private static void requireAdmin(Caller caller, String action) {
        if (!caller.isAdmin()) {
            throw new NotAllowed("Only an ADMIN may " + action, null);
        }
    }
}
