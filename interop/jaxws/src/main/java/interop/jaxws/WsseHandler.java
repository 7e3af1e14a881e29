package interop.jaxws;

import jakarta.xml.soap.SOAPElement;
import jakarta.xml.soap.SOAPEnvelope;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPHeader;
import jakarta.xml.soap.SOAPHeaderElement;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.handler.soap.SOAPHandler;
import jakarta.xml.ws.handler.soap.SOAPMessageContext;

import javax.xml.namespace.QName;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * Adds a WS-Security header by hand to every outgoing message: a UsernameToken with a PasswordText
 * password, and optionally a wsu:Timestamp (Created = now, Expires = now + 5 minutes) before it.
 * The JAX-WS RI has no WS-Security of its own (that is Metro's WSIT, driven by WS-Policy in the
 * WSDL, which this WSDL does not carry).
 */
final class WsseHandler implements SOAPHandler<SOAPMessageContext> {

    static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    static final String WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    static final String PASSWORD_TEXT =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";
    private static final QName SECURITY = new QName(WSSE, "Security", "wsse");
    private static final DateTimeFormatter UTC_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final String user;
    private final String password;
    private final boolean timestamp;

    WsseHandler(String user, String password, boolean timestamp) {
        this.user = user;
        this.password = password;
        this.timestamp = timestamp;
    }

    @Override
    public boolean handleMessage(SOAPMessageContext context) {
        if (!Boolean.TRUE.equals(context.get(MessageContext.MESSAGE_OUTBOUND_PROPERTY))) {
            return true;
        }
        try {
            SOAPEnvelope envelope = context.getMessage().getSOAPPart().getEnvelope();
            SOAPHeader header = envelope.getHeader() != null ? envelope.getHeader() : envelope.addHeader();
            SOAPHeaderElement security = header.addHeaderElement(SECURITY);
            security.setMustUnderstand(true);
            if (timestamp) {
                Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                SOAPElement ts = security.addChildElement("Timestamp", "wsu", WSU);
                ts.addChildElement("Created", "wsu", WSU).addTextNode(UTC_MILLIS.format(now));
                ts.addChildElement("Expires", "wsu", WSU).addTextNode(UTC_MILLIS.format(now.plus(5, ChronoUnit.MINUTES)));
            }
            SOAPElement token = security.addChildElement("UsernameToken", "wsse", WSSE);
            token.addChildElement("Username", "wsse", WSSE).addTextNode(user);
            SOAPElement pw = token.addChildElement("Password", "wsse", WSSE);
            pw.setAttribute("Type", PASSWORD_TEXT);
            pw.addTextNode(password);
            context.getMessage().saveChanges();
        } catch (SOAPException e) {
            throw new WebServiceException("cannot add the wsse:Security header", e);
        }
        return true;
    }

    @Override
    public boolean handleFault(SOAPMessageContext context) {
        return true;
    }

    @Override
    public void close(MessageContext context) {
    }

    @Override
    public Set<QName> getHeaders() {
        return Set.of(SECURITY);
    }
}
