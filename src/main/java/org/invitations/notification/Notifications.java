package org.invitations.notification;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.invitations.audit.AuditLog;
import org.invitations.invitation.Notices;

/**
 * The notification feature as the server starts it: the outbox the services write to, the service
 * behind its operations, and this node's dispatcher, which delivers until {@link #close()}.
 */
public final class Notifications implements AutoCloseable {

    private final Outbox outbox;
    private final NotificationService service;
    private final Dispatcher dispatcher;

    private Notifications(Outbox outbox, NotificationService service, Dispatcher dispatcher) {
        this.outbox = outbox;
        this.service = service;
        this.dispatcher = dispatcher;
    }

    public static Notifications start(SessionFactory sessionFactory, Clock clock, AuditLog audit,
                                      NotificationSettings settings) {
        Map<OutboxItem.Kind, Channel> channels = new EnumMap<>(OutboxItem.Kind.class);
        channels.put(OutboxItem.Kind.WEBHOOK, new WebhookChannel(sessionFactory, clock, settings.delivery().timeout(),
                settings.webhookTargets()));
        if (settings.smtp() != null) {
            SmtpRelay relay = new SmtpRelay(settings.smtp());
            channels.put(OutboxItem.Kind.EMAIL, item -> relay.send(item.getPayload()));
        }
        if (settings.sms() != null) {
            SmsGateway gateway = new SmsGateway(settings.sms());
            channels.put(OutboxItem.Kind.SMS, item -> gateway.send(item.getDestination(), item.getPayload()));
        }
        Dispatcher dispatcher = new Dispatcher(sessionFactory, clock, settings.delivery(), channels);
        dispatcher.start();
        return new Notifications(new Outbox(settings), new NotificationService(sessionFactory, clock, audit,
                settings.webhookTargets()), dispatcher);
    }

    public Notices notices() {
        return outbox;
    }

    public NotificationService service() {
        return service;
    }

    @Override
    public void close() {
        dispatcher.close();
    }
}
