package org.invitations.notification;

/** Delivers one outbox item of one kind; returns when the receiver took it, or throws. */
@FunctionalInterface
interface Channel {

    void deliver(OutboxItem item) throws DeliveryFailed;
}
