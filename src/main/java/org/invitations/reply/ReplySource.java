package org.invitations.reply;

/** How a calendar message came in: handed over by an integration (SOAP), or read from a mailbox (IMAP). */
public enum ReplySource {
    SOAP,
    IMAP
}
