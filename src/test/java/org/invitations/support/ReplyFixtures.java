package org.invitations.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The messages in {@code src/test/resources/replies/} as a client would send them for one meeting: the
 * placeholders filled in, {@code ${base64}...${/base64}} blocks encoded (their text with CRLF line ends, then
 * base64 in lines of 76), and CRLF line ends for every file whose name does not contain {@code -lf}.
 */
public final class ReplyFixtures {

    private static final String OPEN = "${base64}";
    private static final String CLOSE = "${/base64}";

    private ReplyFixtures() {
    }

    /** Whether the fixture is a whole e-mail (mime) rather than the calendar part alone. */
    public static boolean isMime(String name) {
        return name.endsWith(".eml");
    }

    public static String load(String name, Map<String, String> values) {
        String text = read("/replies/" + name);
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace("${" + value.getKey() + "}", value.getValue());
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int open = text.indexOf(OPEN); open >= 0; open = text.indexOf(OPEN, from)) {
            int close = text.indexOf(CLOSE, open);
            out.append(text, from, open);
            String inner = text.substring(open + OPEN.length(), close).replace("\r\n", "\n").replace("\n", "\r\n");
            out.append(new String(Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encode(inner.getBytes(StandardCharsets.UTF_8)), StandardCharsets.US_ASCII)).append('\n');
            from = close + CLOSE.length();
            if (from < text.length() && text.charAt(from) == '\n') {
                from++;
            }
        }
        out.append(text.substring(from));
        String message = out.toString();
        if (message.contains("${")) {
            throw new IllegalArgumentException(name + " has a placeholder left: "
                    + message.substring(message.indexOf("${"), Math.min(message.length(), message.indexOf("${") + 30)));
        }
        return name.contains("-lf") ? message : message.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    private static String read(String resource) {
        try (InputStream in = ReplyFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
