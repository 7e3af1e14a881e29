/**
 * Answers from outside: iTIP messages (RFC 5546) that external persons' calendar programs send back by mail
 * (RFC 6047), taken in through one entry point ({@link org.invitations.reply.ReplyService#receive}), handed in over
 * SOAP or read from a mailbox by this node's {@link org.invitations.reply.MailboxReader} (each message claimed
 * once, {@link org.invitations.reply.MailboxMessage}), matched to the meeting and the person, applied or refused,
 * and every one recorded ({@link org.invitations.reply.CalendarReply}).
 */
package org.invitations.reply;
