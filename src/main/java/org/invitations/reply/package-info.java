/**
 * Answers from outside: iTIP messages (RFC 5546) that external persons' calendar programs send back by mail
 * (RFC 6047), taken in through one entry point ({@link org.invitations.reply.ReplyService#receive}), matched
 * to the meeting and the person, applied or refused, and every one recorded ({@link org.invitations.reply.CalendarReply}).
 */
package org.invitations.reply;
