package org.invitations.reply;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;

/**
 * A message of a mailbox the service has taken in: its claim, written first in the transaction that records the
 * message (and applies it), so that the unique (mailbox, message key) lets exactly one transaction take a message
 * in, whether it is fetched again after a restart (the move to the done folder did not happen) or by another node
 * reading the same mailbox. Never changed after that transaction.
 */
@Entity
@Table(name = "mailbox_message", uniqueConstraints = @UniqueConstraint(name = "uq_mailbox_message",
        columnNames = {"mailbox", "message_key"}))
public class MailboxMessage {

    /** The longest mailbox name and message key kept (mailbox_message's columns). */
    static final int MAX_NAME = 300;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "mailbox_message_seq")
    @SequenceGenerator(name = "mailbox_message_seq", sequenceName = "mailbox_message_seq", allocationSize = 1)
    private Long id;

    /** {@code user@host:port/folder}. */
    @Column(nullable = false, length = MAX_NAME)
    private String mailbox;

    /** The Message-ID as written, or {@code sha256:} and a hash (see {@link MailboxReader}). */
    @Column(name = "message_key", nullable = false, length = MAX_NAME)
    private String messageKey;

    /** The record of what was done with the message. */
    @Column(name = "calendar_reply_id")
    private Long calendarReplyId;

    @Column(name = "processed_at", nullable = false)
    private Instant processedAt;

    protected MailboxMessage() {
    }

    MailboxMessage(String mailbox, String messageKey, Instant processedAt) {
        this.mailbox = mailbox;
        this.messageKey = messageKey;
        this.processedAt = processedAt;
    }

    void recordedAs(CalendarReply reply) {
        this.calendarReplyId = reply.getId();
    }

    public Long getId() {
        return id;
    }

    public String getMailbox() {
        return mailbox;
    }

    public String getMessageKey() {
        return messageKey;
    }

    public Long getCalendarReplyId() {
        return calendarReplyId;
    }

    public Instant getProcessedAt() {
        return processedAt;
    }
}
