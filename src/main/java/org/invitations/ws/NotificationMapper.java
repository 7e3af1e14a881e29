package org.invitations.ws;

import java.util.List;
import org.invitations.notification.OutboxItem;
import org.invitations.notification.Webhook;
import org.invitations.shared.Page;
import org.invitations.ws.generated.CalendarMethod;
import org.invitations.ws.generated.ConfirmationMessage;
import org.invitations.ws.generated.Delivery;
import org.invitations.ws.generated.DeliveryKind;
import org.invitations.ws.generated.DeliveryState;
import org.invitations.ws.generated.GetConfirmationMessagesResponse;
import org.invitations.ws.generated.ListDeadDeliveriesResponse;
import org.invitations.ws.generated.ListWebhooksResponse;
import org.invitations.ws.generated.RegisterWebhookResponse;
import org.invitations.ws.generated.RemoveWebhookResponse;
import org.invitations.ws.generated.ResendDeliveryResponse;

/** Maps confirmations, webhooks and deliveries to wire types. */
final class NotificationMapper {

    private NotificationMapper() {
    }

    static GetConfirmationMessagesResponse toConfirmations(List<OutboxItem> items) {
        GetConfirmationMessagesResponse response = new GetConfirmationMessagesResponse();
        for (OutboxItem item : items) {
            ConfirmationMessage message = new ConfirmationMessage();
            message.setMessageId(item.getId());
            message.setPersonId(item.getPersonId());
            message.setRecipient(item.getDestination());
            message.setMethod(CalendarMethod.valueOf(item.getMethod()));
            message.setSequence(item.getSequence());
            message.setCreatedAt(DateTimes.toUtc(item.getCreatedAt()));
            message.setState(DeliveryState.valueOf(item.getState().name()));
            message.setMime(item.getPayload());
            response.getMessage().add(message);
        }
        return response;
    }

    static org.invitations.ws.generated.Webhook toWire(Webhook webhook) {
        org.invitations.ws.generated.Webhook wire = new org.invitations.ws.generated.Webhook();
        wire.setWebhookId(webhook.getId());
        wire.setUrl(webhook.getUrl());
        wire.setCreatedAt(DateTimes.toUtc(webhook.getCreatedAt()));
        return wire;
    }

    static RegisterWebhookResponse toRegistered(Webhook webhook) {
        RegisterWebhookResponse response = new RegisterWebhookResponse();
        response.setWebhook(toWire(webhook));
        return response;
    }

    static RemoveWebhookResponse toRemoved(Webhook webhook) {
        RemoveWebhookResponse response = new RemoveWebhookResponse();
        response.setWebhook(toWire(webhook));
        return response;
    }

    static ListWebhooksResponse toWebhooks(List<Webhook> webhooks) {
        ListWebhooksResponse response = new ListWebhooksResponse();
        webhooks.forEach(w -> response.getWebhook().add(toWire(w)));
        return response;
    }

    static Delivery toWire(OutboxItem item) {
        Delivery wire = new Delivery();
        wire.setDeliveryId(item.getId());
        wire.setKind(DeliveryKind.valueOf(item.getKind().name()));
        wire.setDestination(item.getDestination());
        wire.setAppointmentId(item.getAppointmentId());
        wire.setEventId(item.getEventId());
        wire.setEventType(item.getEventType());
        wire.setState(DeliveryState.valueOf(item.getState().name()));
        wire.setAttempts(item.getAttempts());
        wire.setLastError(item.getLastError());
        wire.setCreatedAt(DateTimes.toUtc(item.getCreatedAt()));
        return wire;
    }

    static ListDeadDeliveriesResponse toDead(Page<OutboxItem> page) {
        ListDeadDeliveriesResponse response = new ListDeadDeliveriesResponse();
        page.items().forEach(item -> response.getDelivery().add(toWire(item)));
        response.setNextPageToken(Paging.next(page));
        return response;
    }

    static ResendDeliveryResponse toResent(OutboxItem item) {
        ResendDeliveryResponse response = new ResendDeliveryResponse();
        response.setDelivery(toWire(item));
        return response;
    }
}
