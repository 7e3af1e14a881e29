package org.invitations.notification;

/**
 * The gateway took the SMS: its 2xx status and what it answered (often a message id, worth logging to
 * trace a complaint).
 */
public record SmsReceipt(int status, String body) {
}
