package org.invitations.reply;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Finds the iCalendar object in a received e-mail (RFC 6047 §2.4) as the major clients write it: an inline
 * {@code text/calendar} part (Outlook, Thunderbird, Apple Mail), often inside {@code multipart/alternative},
 * or an {@code .ics} attachment ({@code invite.ics} from Google Calendar, {@code application/ics}). The
 * transfer encoding (quoted-printable, base64, 7bit, 8bit) is undone and the text decoded with the part's
 * charset (UTF-8 when it names none, the default of RFC 5545). An inline {@code text/calendar} wins over an
 * attachment, since iMIP puts the method on it; among several, the first. Nesting and part count are
 * bounded, so a hostile message cannot make the walk deep or long.
 */
final class CalendarParts {

    /** The deepest multipart nesting looked into. */
    static final int MAX_DEPTH = 10;
    /** The most parts looked at. */
    static final int MAX_PARTS = 200;

    private CalendarParts() {
    }

    /** Why a message could not be read as MIME. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    /** The calendar text of {@code mime}, or empty when it has no calendar part. */
    static Optional<String> calendarOf(String mime) throws Unreadable {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(mime.getBytes(StandardCharsets.UTF_8)));
            Walk walk = new Walk();
            walk.visit(message, 0);
            Part found = walk.inline != null ? walk.inline : walk.attachment;
            return found == null ? Optional.empty() : Optional.of(text(found));
        } catch (MessagingException | IOException | RuntimeException e) {
            throw new Unreadable("the message could not be read as MIME: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    private static final class Walk {
        private Part inline;
        private Part attachment;
        private int parts;

        void visit(Part part, int depth) throws MessagingException, IOException {
            if (++parts > MAX_PARTS || depth > MAX_DEPTH) {
                return;
            }
            if (part.isMimeType("multipart/*")) {
                Object content = part.getContent();
                if (content instanceof Multipart multipart) {
                    for (int i = 0; i < multipart.getCount() && parts <= MAX_PARTS; i++) {
                        BodyPart child = multipart.getBodyPart(i);
                        visit(child, depth + 1);
                    }
                }
                return;
            }
            String type = baseType(part);
            boolean attached = Part.ATTACHMENT.equalsIgnoreCase(disposition(part));
            String name = fileName(part);
            if (type.equals("text/calendar") && !attached && inline == null) {
                inline = part;
            } else if (attachment == null && (type.equals("text/calendar") || type.equals("application/ics")
                    || name != null && name.toLowerCase(Locale.ROOT).endsWith(".ics"))) {
                attachment = part;
            }
        }
    }

    private static String baseType(Part part) throws MessagingException {
        try {
            return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        } catch (ParseException | NullPointerException e) {
            return "text/plain";
        }
    }

    private static String disposition(Part part) {
        try {
            return part.getDisposition();
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String fileName(Part part) {
        try {
            return part.getFileName();
        } catch (MessagingException e) {
            return null;
        }
    }

    /** The part's bytes, transfer encoding undone, decoded with its charset (UTF-8 by default). */
    private static String text(Part part) throws MessagingException, IOException {
        Charset charset = StandardCharsets.UTF_8;
        try {
            String named = new ContentType(part.getContentType()).getParameter("charset");
            if (named != null) {
                charset = Charset.forName(named.strip());
            }
        } catch (ParseException | IllegalCharsetNameException | UnsupportedCharsetException e) {
            // an unknown charset: UTF-8, which RFC 5545 makes the default
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), charset);
        }
    }
}
