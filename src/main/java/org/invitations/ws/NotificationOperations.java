package org.invitations.ws;

import org.invitations.notification.NotificationService;
import org.invitations.ws.generated.ConcurrentModificationFault;
import org.invitations.ws.generated.GetConfirmationMessages;
import org.invitations.ws.generated.GetConfirmationMessagesResponse;
import org.invitations.ws.generated.InvalidRequestFault;
import org.invitations.ws.generated.ListDeadDeliveries;
import org.invitations.ws.generated.ListDeadDeliveriesResponse;
import org.invitations.ws.generated.ListWebhooks;
import org.invitations.ws.generated.ListWebhooksResponse;
import org.invitations.ws.generated.NotAllowedFault;
import org.invitations.ws.generated.NotFoundFault;
import org.invitations.ws.generated.RegisterWebhook;
import org.invitations.ws.generated.RegisterWebhookResponse;
import org.invitations.ws.generated.RemoveWebhook;
import org.invitations.ws.generated.RemoveWebhookResponse;
import org.invitations.ws.generated.ResendDelivery;
import org.invitations.ws.generated.ResendDeliveryResponse;

/** Confirmation messages for the owner; webhooks and dead deliveries for an ADMIN. */
final class NotificationOperations {

    private final NotificationService notifications;

    NotificationOperations(NotificationService notifications) {
        this.notifications = notifications;
    }

    GetConfirmationMessagesResponse confirmations(GetConfirmationMessages request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> NotificationMapper.toConfirmations(
                notifications.confirmations(CallerInterceptor.current(), request.getAppointmentId())));
    }

    RegisterWebhookResponse register(RegisterWebhook request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> NotificationMapper.toRegistered(
                notifications.register(CallerInterceptor.current(), request.getUrl(), request.getSecret())));
    }

    ListWebhooksResponse webhooks(ListWebhooks request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> NotificationMapper.toWebhooks(notifications.webhooks(CallerInterceptor.current())));
    }

    RemoveWebhookResponse remove(RemoveWebhook request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> NotificationMapper.toRemoved(
                notifications.remove(CallerInterceptor.current(), request.getWebhookId())));
    }

    ListDeadDeliveriesResponse dead(ListDeadDeliveries request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> NotificationMapper.toDead(notifications.dead(CallerInterceptor.current(),
                Paging.size(request.getPageSize()), Paging.afterId(request.getPageToken()))));
    }

    ResendDeliveryResponse resend(ResendDelivery request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> NotificationMapper.toResent(
                notifications.resend(CallerInterceptor.current(), request.getDeliveryId())));
    }
}
