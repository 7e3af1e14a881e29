package org.invitations.ws;

import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.phase.Phase;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.invitations.security.AuthenticationFailed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.invitations.ws.generated.BookingRefusedFault;
import org.invitations.ws.generated.ConcurrentModificationFault;
import org.invitations.ws.generated.InvalidRequestFault;
import org.invitations.ws.generated.InvalidTransitionFault;
import org.invitations.ws.generated.NotAllowedFault;
import org.invitations.ws.generated.NotFoundFault;

/**
 * Rewrites every fault on its way out: gives it its code and its text before it is written (which
 * domain error becomes which declared fault is {@link Faults}' business). Declared faults and
 * everything that went wrong before the operation ran (unreadable XML, schema violations, an unknown
 * SOAPAction, a body over the limit) are the caller's: soap:Client. WS-Security's vague text is
 * replaced by one that says what to send; why a login failed is never revealed. Anything else is
 * the service's own failure: a generic soap:Server "internal error" with a reference that the server
 * log carries with the stack trace, and never internal text (SQL, class names, lock tables).
 */
final class FaultRewriteInterceptor extends AbstractSoapInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(FaultRewriteInterceptor.class);

    static final QName FAILED_AUTHENTICATION = new QName(
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd",
            "FailedAuthentication", "wsse");

    /** Set on the exchange once the operation itself is about to run (see {@link #invocationMarker()}). */
    static final String INVOKED = "invitations.invoked";
    /** An unexpected exception met before the operation ran (e.g. while checking a password). */
    static final String INTERNAL = "invitations.internal";
    /** What is wrong with the Security header's shape (not with the credentials), for the caller. */
    static final String SECURITY_PROBLEM = "invitations.security.problem";
    static final String NO_TOKEN = "Authentication failed: the request has no WS-Security UsernameToken; send a"
            + " wsse:Security header with a UsernameToken holding the username and the PasswordText password";

    FaultRewriteInterceptor() {
        super(Phase.PRE_STREAM);
    }

    /** A schema error quotes the offending value; a huge value must not come back in full. */
    static final int MAX_FAULT_STRING = 500;

    @Override
    public void handleMessage(SoapMessage message) {
        if (!(message.getContent(Exception.class) instanceof Fault fault)) {
            return;
        }
        handle(message, fault);
        if (message.getContent(Exception.class) instanceof Fault current && current.getMessage() != null) {
            String text = shorten(current.getMessage(), MAX_FAULT_STRING);
            if (!text.equals(current.getMessage())) {
                Fault shortened = new Fault(new org.apache.cxf.common.i18n.Message(text,
                        (java.util.ResourceBundle) null), current.getCause());
                shortened.setFaultCode(current.getFaultCode());
                shortened.setDetail(current.getDetail());
                message.setContent(Exception.class, shortened);
            }
        }
    }

    /**
     * At most {@code max} characters (code points, so a surrogate pair is never split), with a note when
     * cut; characters XML 1.0 cannot carry are replaced, so that the fault can always be written.
     */
    static String shorten(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max * 2 + 16));
        int count = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (count == max) {
                return out.append("… (shortened)").toString();
            }
            out.appendCodePoint(isXmlChar(cp) ? cp : '\uFFFD');
            count++;
        }
        return out.toString();
    }

    private static boolean isXmlChar(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD || cp >= 0x20 && cp <= 0xD7FF || cp >= 0xE000 && cp <= 0xFFFD
                || cp >= 0x10000 && cp <= 0x10FFFF;
    }

    /** Marks the exchange when the operation is about to run: a later undeclared fault is the service's own. */
    static AbstractSoapInterceptor invocationMarker() {
        return new AbstractSoapInterceptor(Phase.PRE_INVOKE) {
            @Override
            public void handleMessage(SoapMessage message) {
                message.getExchange().put(INVOKED, Boolean.TRUE);
            }
        };
    }

    private void handle(SoapMessage message, Fault fault) {
        if (fault instanceof DeclaredFault) {
            return;
        }
        Throwable cause = fault.getCause();
        Object internal = message.getExchange().get(INTERNAL);
        if (cause instanceof InvalidRequestFault || cause instanceof NotFoundFault
                || cause instanceof NotAllowedFault || cause instanceof InvalidTransitionFault
                || cause instanceof ConcurrentModificationFault || cause instanceof BookingRefusedFault) {
            fault.setFaultCode(Fault.FAULT_CODE_CLIENT);
        } else if (internal instanceof Throwable || Boolean.TRUE.equals(message.getExchange().get(INVOKED))) {
            internalError(message, internal instanceof Throwable t ? t : fault);
        } else if (message.getExchange().get(SchemaErrors.Error.class) == null && isUnreadableXml(fault)) {
            message.setContent(Exception.class, unreadable(rootMessage(fault), cause));
        } else if ((message.getExchange().get(SchemaErrors.Error.class) != null || isSecurityError(fault))
                && unreadableRest(message) instanceof Throwable rest) {
            message.setContent(Exception.class, unreadable(rootMessage(rest), cause));
        } else if (message.getExchange().get(SchemaErrors.Error.class) != null) {
            message.setContent(Exception.class, schemaFault(message.getExchange().get(SchemaErrors.Error.class), cause));
        } else if (isSecurityError(fault)) {
            Object problem = message.getExchange().get(SECURITY_PROBLEM);
            Fault authentication = new Fault(new org.apache.cxf.common.i18n.Message(
                    problem != null ? problem.toString() : securityMessage(fault), (java.util.ResourceBundle) null),
                    cause);
            authentication.setFaultCode(FAILED_AUTHENTICATION);
            message.setContent(Exception.class, authentication);
        } else {
            // Before the operation ran, only the request can be at fault: its XML, its envelope, its
            // SOAPAction, its size or its schema.
            fault.setFaultCode(Fault.FAULT_CODE_CLIENT);
        }
    }

    /** A fault raised outside an operation that carries a declared fault's detail; written as it is. */
    static final class DeclaredFault extends Fault {
        DeclaredFault(String text, Throwable cause) {
            super(new org.apache.cxf.common.i18n.Message(shorten(text, MAX_FAULT_STRING),
                    (java.util.ResourceBundle) null), cause);
            setFaultCode(FAULT_CODE_CLIENT);
        }
    }

    /**
     * A schema violation as the declared InvalidRequestFault: the faultstring and the detail's message
     * name the field and the rule, the detail's field holds the path.
     */
    private static Fault schemaFault(SchemaErrors.Error error, Throwable cause) {
        String text = (error.field() == null ? "The request" : error.field()) + " breaks the schema: "
                + shorten(error.rule(), MAX_FAULT_STRING);
        return declared("InvalidRequestFault", text, error.field(), null, cause);
    }

    /** A fault written as it is, with the declared fault {@code element} (such as NotFoundFault) as its detail. */
    static Fault declared(String element, String text, String field, Long id, Throwable cause) {
        Fault fault = new DeclaredFault(text, cause);
        org.w3c.dom.Document document = org.apache.cxf.helpers.DOMUtils.createDocument();
        org.w3c.dom.Element detail = document.createElement("detail");
        org.w3c.dom.Element declared = document.createElementNS(SoapEndpoints.NAMESPACE, "inv:" + element);
        append(declared, "message", shorten(text, MAX_FAULT_STRING));
        if (field != null) {
            append(declared, "field", shorten(field, MAX_FAULT_STRING));
        }
        if (id != null) {
            append(declared, "id", id.toString());
        }
        detail.appendChild(declared);
        fault.setDetail(detail);
        return fault;
    }

    private static void append(org.w3c.dom.Element parent, String name, String text) {
        org.w3c.dom.Element child = parent.getOwnerDocument().createElementNS(SoapEndpoints.NAMESPACE, "inv:" + name);
        child.setTextContent(text);
        parent.appendChild(child);
    }

    private static void internalError(SoapMessage message, Throwable failure) {
        String reference = Long.toString(REFERENCES.incrementAndGet(), 36) + "-"
                + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        LOG.error("Internal error, reference {}", reference, failure);
        Fault generic = new Fault(new org.apache.cxf.common.i18n.Message("Internal error, reference " + reference
                + ": the service failed; nothing was written. Retry later, and quote the reference to the"
                + " service's operator if it persists", (java.util.ResourceBundle) null));
        generic.setFaultCode(Fault.FAULT_CODE_SERVER);
        message.setContent(Exception.class, generic);
    }

    private static final java.util.concurrent.atomic.AtomicLong REFERENCES = new java.util.concurrent.atomic.AtomicLong(
            java.util.concurrent.ThreadLocalRandom.current().nextInt(1 << 20));

    private static Fault unreadable(String reason, Throwable cause) {
        Fault unreadable = new Fault(new org.apache.cxf.common.i18n.Message(
                "The request is not acceptable XML: " + reason, (java.util.ResourceBundle) null), cause);
        unreadable.setFaultCode(Fault.FAULT_CODE_CLIENT);
        return unreadable;
    }

    /**
     * Why the rest of the request, after where reading stopped, is not acceptable XML; null when it is.
     * The header and the body are read as a stream, so a schema error or a refused Security header can
     * come before the reader meets a part that is no XML (too deep, a DTD, a character XML cannot
     * carry); such a request is told that its XML is not acceptable, whatever else it breaks.
     */
    private static Object unreadableRest(SoapMessage message) {
        org.apache.cxf.message.Message request = message.getExchange().getInMessage();
        javax.xml.stream.XMLStreamReader reader = message.getExchange().get(SchemaErrors.PathReader.class);
        if (reader == null && request != null) {
            reader = request.getContent(javax.xml.stream.XMLStreamReader.class);
        }
        if (reader == null) {
            return null;
        }
        try {
            while (reader.hasNext()) {
                reader.next();
            }
            return null;
        } catch (javax.xml.stream.XMLStreamException e) {
            return e;
        } catch (RuntimeException e) {
            // Woodstox reports some errors lazily, as a runtime exception holding the XMLStreamException
            return hasCause(e, javax.xml.stream.XMLStreamException.class) ? e : null;
        }
    }

    /**
     * The request could not be read as XML (before the operation ran): its parser failed, or a limit of
     * the reader (depth, text length) was passed, while the headers or the body were read.
     */
    private static boolean isUnreadableXml(Fault fault) {
        if (fault.getMessage() != null && fault.getMessage().startsWith("Problems creating SAAJ object model")) {
            return true;
        }
        return hasCause(fault, javax.xml.stream.XMLStreamException.class);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    /**
     * What was wrong with the Security header, in words that name the rule that failed: its shape and
     * its times are told exactly; the credentials only as "unknown username or wrong password" (also
     * for locked and disabled accounts).
     */
    private static String securityMessage(Fault fault) {
        for (Throwable t = fault; t != null; t = t.getCause()) {
            if (t instanceof WSSecurityException security && security.getErrorCode() != null) {
                String text = String.valueOf(security.getMessage());
                String lower = text.toLowerCase(java.util.Locale.ROOT);
                switch (security.getErrorCode()) {
                    case MESSAGE_EXPIRED:
                        return TimeRules.broken(securityHeader(), java.time.Instant.now());
                    case INVALID_SECURITY:
                        if (lower.startsWith("bsp:")) {
                            return "Authentication failed: the wsse:Security header breaks WS-I Basic Security"
                                    + " Profile rule " + text.substring("bsp:".length()).trim();
                        }
                        if (hasCause(security, java.time.format.DateTimeParseException.class)) {
                            return "Authentication failed: a wsu:Created or wsu:Expires is not an xs:dateTime"
                                    + " (such as 2026-12-05T23:36:31.362768Z): " + rootMessage(security);
                        }
                        if (lower.contains("security header")) {
                            return NO_TOKEN;
                        }
                        return "Authentication failed: the wsse:Security header could not be read: " + text;
                    case INVALID_SECURITY_TOKEN:
                    case SECURITY_TOKEN_UNAVAILABLE:
                        return NO_TOKEN;
                    default:
                        break;
                }
            }
        }
        return AuthenticationFailed.GENERIC;
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /** The request's wsse:Security header (as {@link UsernameTokenInInterceptor} found it), or null. */
    private static org.w3c.dom.Element securityHeader() {
        org.apache.cxf.message.Message request = org.apache.cxf.phase.PhaseInterceptorChain.getCurrentMessage();
        return request == null || request.getExchange() == null ? null
                : (org.w3c.dom.Element) request.getExchange().get(UsernameTokenInInterceptor.SECURITY_HEADER);
    }

    private static boolean isSecurityError(Fault fault) {
        for (Throwable t = fault; t != null; t = t.getCause()) {
            if (t instanceof WSSecurityException) {
                return true;
            }
        }
        return false;
    }
}
