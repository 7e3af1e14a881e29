package org.invitations.notification;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;

/** Reads messages back the way a mail program does: Jakarta Mail's parser, ical4j's CalendarBuilder. */
final class MimeParts {

    private MimeParts() {
    }

    static MimeMessage parse(String mime) throws MessagingException {
        return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(mime.getBytes(StandardCharsets.UTF_8)));
    }

    static Calendar calendar(String ics) throws IOException, ParserException {
        return new CalendarBuilder().build(new StringReader(ics));
    }

    /** Every leaf part, depth first, in the order a reader meets them. */
    static List<Part> leaves(Part part) throws MessagingException, IOException {
        List<Part> leaves = new ArrayList<>();
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                leaves.addAll(leaves(child));
            }
        } else {
            leaves.add(part);
        }
        return leaves;
    }

    static Part only(Part message, String mimeType) throws MessagingException, IOException {
        List<Part> found = new ArrayList<>();
        for (Part leaf : leaves(message)) {
            if (leaf.isMimeType(mimeType)) {
                found.add(leaf);
            }
        }
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " parts of type " + mimeType + ", expected one");
        }
        return found.get(0);
    }

    /** A text part's content, decoded with the charset its Content-Type names. */
    static String text(Part part) throws MessagingException, IOException {
        ContentType type = new ContentType(part.getContentType());
        String charset = type.getParameter("charset");
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), charset == null ? StandardCharsets.US_ASCII : Charset.forName(charset));
        }
    }
}
