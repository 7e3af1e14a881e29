package org.invitations.notification;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SMS gateway's request body with {@code ${to}} and {@code ${text}} in it, filled in with each value
 * escaped for the body's content type: a JSON string, a form field, XML text, or plain text as it is.
 * Values are put in once, so a text that itself contains "${to}" stays as written.
 */
final class BodyTemplate {

    /** The placeholders a template may use; both must appear. */
    static final Set<String> PLACEHOLDERS = Set.of("to", "text");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    /** How values are written into the body. */
    enum Escaping {
        /** Inside a JSON string literal: the template supplies the quotes. */
        JSON,
        /** A form field's value, percent-encoded as UTF-8. */
        FORM,
        /** XML character data or an attribute value. */
        XML,
        /** As it is. */
        NONE
    }

    private final String template;
    private final Escaping escaping;

    /** @throws IllegalArgumentException for an unknown or missing placeholder, or a content type we cannot escape for */
    BodyTemplate(String template, String contentType) {
        this.template = template;
        this.escaping = escapingFor(contentType);
        Set<String> used = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            if (!PLACEHOLDERS.contains(matcher.group(1))) {
                throw new IllegalArgumentException("unknown placeholder " + matcher.group()
                        + " in the SMS body template; known are ${to} and ${text}");
            }
            used.add(matcher.group(1));
        }
        if (!used.containsAll(PLACEHOLDERS)) {
            throw new IllegalArgumentException("the SMS body template must contain ${to} and ${text}: " + template);
        }
    }

    Escaping escaping() {
        return escaping;
    }

    String render(Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder body = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(body, Matcher.quoteReplacement(escape(values.get(matcher.group(1)))));
        }
        matcher.appendTail(body);
        return body.toString();
    }

    private String escape(String value) {
        return switch (escaping) {
            case JSON -> json(value);
            case FORM -> URLEncoder.encode(value, StandardCharsets.UTF_8);
            case XML -> xml(value);
            case NONE -> value;
        };
    }

    /** By the media type, parameters ignored: JSON and {@code +json}, forms, XML and {@code +xml}, {@code text/plain}. */
    static Escaping escapingFor(String contentType) {
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (type.equals("application/json") || type.endsWith("+json")) {
            return Escaping.JSON;
        }
        if (type.equals("application/x-www-form-urlencoded")) {
            return Escaping.FORM;
        }
        if (type.equals("application/xml") || type.equals("text/xml") || type.endsWith("+xml")) {
            return Escaping.XML;
        }
        if (type.equals("text/plain")) {
            return Escaping.NONE;
        }
        throw new IllegalArgumentException("no escaping known for content type " + contentType
                + "; use JSON, application/x-www-form-urlencoded, XML or text/plain");
    }

    /** RFC 8259: quote, backslash and control characters; U+2028/2029 too, for gateways that eval JavaScript. */
    static String json(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** The five predefined entities; control characters XML 1.0 cannot carry are dropped. */
    static String xml(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\r' || c == '\t') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
