package org.invitations.notification;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hibernate.SessionFactory;
import org.invitations.audit.AuditLog;
import org.invitations.invitation.ChangePublisher;

/**
 * The notification feature as the server starts it: the outbox the services write to, the service
 * behind its operations, and this node's dispatcher, which delivers until {@link #close()}.
 */
public final class NotificationFeature implements AutoCloseable {

    private final Outbox outbox;
    private final NotificationService service;
    private final Dispatcher dispatcher;
    private final ExecutorService mailThreads;

    private NotificationFeature(Outbox outbox, NotificationService service, Dispatcher dispatcher,
                                ExecutorService mailThreads) {
        this.outbox = outbox;
        this.service = service;
        this.dispatcher = dispatcher;
        this.mailThreads = mailThreads;
    }

    public static NotificationFeature start(SessionFactory sessionFactory, Clock clock, AuditLog audit,
                                            NotificationSettings settings) {
        Map<OutboxItem.Kind, Channel> channels = new EnumMap<>(OutboxItem.Kind.class);
        channels.put(OutboxItem.Kind.WEBHOOK, new WebhookChannel(sessionFactory, clock, settings.delivery().timeout(),
                settings.webhookTargets()));
        // SMTP talks on a blocking socket: its own threads, as many as the dispatcher has mails in flight
        ExecutorService mailThreads = Executors.newFixedThreadPool(settings.delivery().threads(), r -> {
            Thread thread = new Thread(r, "outbox-mail");
            thread.setDaemon(true);
            return thread;
        });
        if (settings.smtp() != null) {
            SmtpRelay relay = new SmtpRelay(settings.smtp());
            channels.put(OutboxItem.Kind.EMAIL, (item, deadline) -> CompletableFuture.supplyAsync(() -> {
                try {
                    relay.send(item.getPayload(), deadline);
                    return null;
                } catch (DeliveryFailed failed) {
                    throw new CompletionException(failed);
                }
            }, mailThreads));
        }
        if (settings.sms() != null) {
            SmsGateway gateway = new SmsGateway(settings.sms());
            channels.put(OutboxItem.Kind.SMS, (item, deadline) -> gateway
                    .sendAsync(item.getDestination(), item.getPayload(), deadline).thenApply(receipt -> null));
        }
        Dispatcher dispatcher = new Dispatcher(sessionFactory, clock, settings.delivery(), channels);
        dispatcher.start();
        return new NotificationFeature(new Outbox(settings),
                new NotificationService(sessionFactory, clock, audit, settings.webhookTargets()), dispatcher,
                mailThreads);
    }

    public ChangePublisher publisher() {
        return outbox;
    }

    public NotificationService service() {
        return service;
    }

    @Override
    public void close() {
        dispatcher.close();
        mailThreads.shutdownNow();
    }
}
