package org.invitations.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.invitations.app.Database;
import org.invitations.app.ServerConfig;
import org.invitations.invitation.ChangePublisher;
import org.invitations.support.ReplyFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one entry point the SOAP operation and the mailbox reader share, on a real Derby database: what the SOAP
 * endpoint cannot bring (its StAX limit stops a large text node before), such as a 10 MB message from a
 * mailbox, is recorded and refused unread.
 */
class ReplyServiceTest {

    @TempDir
    static Path data;
    private static Database database;
    private static ReplyService replies;

    @BeforeAll
    static void open() {
        database = Database.open(ServerConfig.builder().host("127.0.0.1").port(0).dataDir(data)
                .passwordIterations(1000).build(), "validate");
        replies = new ReplyService(database.sessionFactory(), Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"),
                ZoneOffset.UTC), ChangePublisher.NONE, "invitations.local");
    }

    @AfterAll
    static void close() {
        database.close();
    }

    private static String reply(String uid) {
        return ReplyFixtures.load("thunderbird-tentative-folded.eml", Map.of("uid", uid,
                "attendee", "ola@fjordline.example", "organizer", "alice@example.com"));
    }

    @Test
    void aTenMegabyteMessageFromAMailboxIsRecordedAndRefusedUnread() {
        String huge = reply("appointment-1@invitations.local") + "x".repeat(10 * 1024 * 1024);

        CalendarReply recorded = replies.receive(ReplySource.IMAP, huge, null);

        assertEquals(ReplyOutcome.REFUSED, recorded.getOutcome());
        assertEquals(ReplySource.IMAP, recorded.getSource());
        assertTrue(recorded.getReason().startsWith("the message is larger than 1000000 characters"),
                recorded.getReason());
        assertEquals(null, recorded.getMethod(), "nothing was read from it");
        assertEquals(64, recorded.getContentHash().length());
    }

    @Test
    void aMessageOfTheMaximumSizeIsReadAndOneCharacterMoreIsNot() {
        String message = reply("appointment-999999@invitations.local");
        String largest = message + "x".repeat(ReplyService.MAX_MESSAGE_CHARS - message.length());

        CalendarReply read = replies.receive(ReplySource.IMAP, largest, null);
        CalendarReply refused = replies.receive(ReplySource.IMAP, largest + "x", null);

        assertEquals("unknown UID appointment-999999@invitations.local: no such meeting", read.getReason(),
                "read to the end of its calendar");
        assertEquals("REPLY", read.getMethod());
        assertTrue(refused.getReason().startsWith("the message is larger than"), refused.getReason());
    }

    @Test
    void theEntryPointTakesExactlyOneOfMessageAndCalendar() {
        assertThrows(IllegalArgumentException.class, () -> replies.receive(ReplySource.IMAP, null, null));
        assertThrows(IllegalArgumentException.class, () -> replies.receive(ReplySource.IMAP, "a", "b"));
    }
}
