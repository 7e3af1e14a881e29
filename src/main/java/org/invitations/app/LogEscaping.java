package org.invitations.app;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import java.nio.charset.StandardCharsets;

/**
 * Log lines that a caller cannot forge. Messages carry text that callers chose (a username, a schema
 * error quoting the request, an SMS gateway's answer): a line break in it would start a second,
 * real-looking log line. Logback's configuration uses these classes in both formats, so that no call
 * site has to remember it:
 * <ul>
 * <li>plain: {@code %safeMsg} and {@code %safeEx} write the message and the exceptions' messages with
 *     CR, LF, every other control character and the Unicode line and paragraph separators escaped
 *     (as a backslash and n, r, t, or u and four hex digits); a stack trace keeps one frame per line;</li>
 * <li>json: {@link Json} is Logback's encoder (which escapes control characters inside its strings)
 *     with the line and paragraph separators and C1 controls escaped as well, so that each event is
 *     exactly one line for any reader.</li>
 * </ul>
 * A backslash is not doubled: an escaped line break can look like a typed one, but cannot start a line.
 */
public final class LogEscaping {

    private LogEscaping() {
    }

    /** {@code text} with nothing in it that a reader could take for the end of a line; null stays null. */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        int first = 0;
        while (first < text.length() && !needsEscape(text.charAt(first))) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!needsEscape(c)) {
                escaped.append(c);
            } else if (c == '\n') {
                escaped.append("\\n");
            } else if (c == '\r') {
                escaped.append("\\r");
            } else if (c == '\t') {
                escaped.append("\\t");
            } else {
                escaped.append(String.format("\\u%04x", (int) c));
            }
        }
        return escaped.toString();
    }

    /** C0 and C1 controls, DEL, and U+2028/U+2029, which some readers take for line ends. */
    private static boolean needsEscape(char c) {
        return c < 0x20 || c >= 0x7f && c <= 0x9f || c == 0x2028 || c == 0x2029;
    }

    /** {@code %safeMsg}: the formatted message, escaped. */
    public static final class Message extends ClassicConverter {
        @Override
        public String convert(ILoggingEvent event) {
            return escape(event.getFormattedMessage());
        }
    }

    /** {@code %safeEx}: the stack trace, one frame per line, with each exception's message escaped. */
    public static final class Exceptions extends ThrowableProxyConverter {
        @Override
        protected String throwableProxyToString(IThrowableProxy proxy) {
            return super.throwableProxyToString(new Escaped(proxy));
        }
    }

    /** A throwable as Logback sees it, with its message (and its causes' and suppressed ones') escaped. */
    private record Escaped(IThrowableProxy proxy) implements IThrowableProxy {
        @Override
        public String getOverridingMessage() {
            return escape(proxy.getOverridingMessage());
        }

        @Override
        public String getMessage() {
            return escape(proxy.getMessage());
        }

        @Override
        public String getClassName() {
            return proxy.getClassName();
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return proxy.getStackTraceElementProxyArray();
        }

        @Override
        public int getCommonFrames() {
            return proxy.getCommonFrames();
        }

        @Override
        public IThrowableProxy getCause() {
            return proxy.getCause() == null ? null : new Escaped(proxy.getCause());
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            IThrowableProxy[] suppressed = proxy.getSuppressed();
            if (suppressed == null) {
                return null;
            }
            IThrowableProxy[] escaped = new IThrowableProxy[suppressed.length];
            for (int i = 0; i < suppressed.length; i++) {
                escaped[i] = new Escaped(suppressed[i]);
            }
            return escaped;
        }

        @Override
        public boolean isCyclic() {
            return proxy.isCyclic();
        }
    }

    /**
     * One JSON object per line: Logback's encoder, then every character that some reader takes for a
     * line end (other than the event's own final newline) written as a JSON escape (a backslash, u and
     * four hex digits). Such characters can only be inside JSON strings, where the escape means the same.
     */
    public static final class Json extends JsonEncoder {
        @Override
        public byte[] encode(ILoggingEvent event) {
            byte[] encoded = super.encode(event);
            String json = new String(encoded, StandardCharsets.UTF_8);
            int end = json.endsWith("\n") ? json.length() - 1 : json.length();
            boolean clean = true;
            for (int i = 0; i < end && clean; i++) {
                clean = !needsEscape(json.charAt(i));
            }
            if (clean) {
                return encoded;
            }
            StringBuilder escaped = new StringBuilder(json.length() + 16);
            for (int i = 0; i < json.length(); i++) {
                char c = json.charAt(i);
                if (i < end && needsEscape(c)) {
                    escaped.append(String.format("\\u%04x", (int) c));
                } else {
                    escaped.append(c);
                }
            }
            return escaped.toString().getBytes(StandardCharsets.UTF_8);
        }
    }
}
