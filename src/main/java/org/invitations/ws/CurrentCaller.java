package org.invitations.ws;

import java.security.Principal;
import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.headers.Header;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.apache.cxf.security.SecurityContext;
import org.invitations.security.Authenticator;
import org.invitations.security.Caller;
import org.invitations.shared.NotAllowed;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Who the current SOAP call is made as: the account that signed in (set by
 * {@link PasswordTextValidator}), or, for an INTEGRATION account, the associate its OnBehalfOf header
 * names. Only integrations may send that header, and they must.
 */
final class CurrentCaller {

    static final QName ON_BEHALF_OF = new QName(SoapEndpoints.NAMESPACE, "OnBehalfOf");

    private final Authenticator authenticator;

    CurrentCaller(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    Caller get() {
        Caller signedIn = authenticated();
        String behalf = onBehalfOf();
        if (signedIn.isIntegration()) {
            if (behalf == null) {
                throw new NotAllowed("An INTEGRATION account acts on behalf of an associate: send the OnBehalfOf"
                        + " header with that associate's username", null);
            }
            return authenticator.onBehalfOf(signedIn, behalf);
        }
        if (behalf != null) {
            throw new NotAllowed("Only an INTEGRATION account may act on behalf of another associate;"
                    + " leave the OnBehalfOf header out", null);
        }
        return signedIn;
    }

    /** The account that signed in with its UsernameToken. */
    static Caller authenticated() {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        SecurityContext context = message == null ? null : message.get(SecurityContext.class);
        Principal principal = context == null ? null : context.getUserPrincipal();
        if (principal instanceof Caller caller) {
            return caller;
        }
        throw new IllegalStateException("No authenticated caller: the WS-Security interceptor did not run");
    }

    private static String onBehalfOf() {
        if (!(PhaseInterceptorChain.getCurrentMessage() instanceof SoapMessage message)) {
            return null;
        }
        Header header = message.getHeader(ON_BEHALF_OF);
        if (header == null || !(header.getObject() instanceof Element element)) {
            return null;
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element username && "username".equals(username.getLocalName())) {
                return username.getTextContent().trim();
            }
        }
        throw new NotAllowed("The OnBehalfOf header needs a username element", null);
    }
}
