package org.invitations.ws;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Which time rule of the Security header a refused request broke, in words for the client: WSS4J
 * only says "expired" for all of them (Expires past, Created too old, Created ahead of the allowed
 * clock skew, in the Timestamp or in the UsernameToken). The rules are WSS4J's, in its order: the
 * Timestamp's Expires, then its Created, then the UsernameToken's Created.
 */
final class TimeRules {

    static final String WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";

    private TimeRules() {
    }

    /** The rule the header broke at {@code now}; a text naming all of them when none can be pinned down. */
    static String broken(Element header, Instant now) {
        String clock = now.truncatedTo(ChronoUnit.SECONDS).toString();
        Element timestamp = first(header, WSU, "Timestamp");
        if (timestamp != null) {
            String expires = text(first(timestamp, WSU, "Expires"));
            Instant expiresAt = parse(expires);
            if (expiresAt != null && !expiresAt.isAfter(now)) {
                return "Authentication failed: Timestamp expired: its wsu:Expires (" + expires + ") is past by the"
                        + " server's clock (" + clock + "); send a fresh wsu:Timestamp with every request";
            }
            String created = createdRule("Timestamp", text(first(timestamp, WSU, "Created")), now, clock);
            if (created != null) {
                return created;
            }
        }
        Element token = first(header, WSSE, "UsernameToken");
        String created = token == null ? null : createdRule("UsernameToken", text(first(token, WSU, "Created")), now,
                clock);
        if (created != null) {
            return created;
        }
        return "Authentication failed: the wsu:Timestamp or the UsernameToken's wsu:Created is outside the allowed"
                + " times: Created at most " + UsernameTokenInInterceptor.FUTURE_SECONDS + " s ahead of the server's"
                + " clock (" + clock + ") and at most " + UsernameTokenInInterceptor.TTL_SECONDS + " s old, Expires"
                + " not past; check the client's clock";
    }

    private static String createdRule(String where, String created, Instant now, String clock) {
        Instant createdAt = parse(created);
        if (createdAt == null) {
            return null;
        }
        if (createdAt.isAfter(now.plusSeconds(UsernameTokenInInterceptor.FUTURE_SECONDS))) {
            return "Authentication failed: " + where + " Created (" + created + ") is in the future beyond the allowed"
                    + " clock skew of " + UsernameTokenInInterceptor.FUTURE_SECONDS + " s (server's clock: " + clock
                    + "); check the client's clock";
        }
        if (createdAt.isBefore(now.minusSeconds(UsernameTokenInInterceptor.TTL_SECONDS))) {
            return "Authentication failed: " + where + " Created (" + created + ") is older than the allowed "
                    + UsernameTokenInInterceptor.TTL_SECONDS + " s (server's clock: " + clock + "); send a fresh one"
                    + " with every request and check the client's clock";
        }
        return null;
    }

    /** An xs:dateTime with any number of fractional digits; one without a zone is read as UTC. */
    static Instant parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException withoutZone) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    private static Element first(Element parent, String namespace, String name) {
        if (parent == null) {
            return null;
        }
        NodeList found = parent.getElementsByTagNameNS(namespace, name);
        return found.getLength() == 0 ? null : (Element) found.item(0);
    }

    /** The element's text, trimmed and at most 64 characters (it is the client's own value, told back). */
    private static String text(Node element) {
        if (element == null) {
            return null;
        }
        String text = element.getTextContent().trim();
        return text.length() > 64 ? text.substring(0, 64) : text;
    }
}
