package org.invitations.notification;

/**
 * One confirmation e-mail, ready for {@link SmtpRelay#send(String)}.
 *
 * @param recipient the party it is addressed to
 * @param messageId its Message-ID header, with the angle brackets, to log or to find it again
 * @param mime      the whole RFC 5322 message, headers and MIME body, CRLF line ends, 7-bit ASCII
 */
public record Confirmation(Party recipient, String messageId, String mime) {
}
