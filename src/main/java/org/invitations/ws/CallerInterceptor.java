package org.invitations.ws;

import java.security.Principal;
import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.headers.Header;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.apache.cxf.security.SecurityContext;
import org.invitations.security.Authenticator;
import org.invitations.security.Caller;
import org.invitations.shared.ConcurrentModification;
import org.invitations.shared.NotAllowed;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Decides once per message, after WS-Security and before any operation runs, who the call is made
 * as: the account that signed in (set by {@link PasswordTextValidator}), or, for an INTEGRATION
 * account, the associate its OnBehalfOf header names. Only integrations may send that header, and
 * they must; every operation gets the same rules, and the endpoint only reads the result
 * ({@link #current()}). A refusal is the declared NotAllowedFault, and nothing has run.
 */
final class CallerInterceptor extends AbstractSoapInterceptor {

    static final QName ON_BEHALF_OF = new QName(SoapEndpoints.NAMESPACE, "OnBehalfOf");

    private final Authenticator authenticator;

    CallerInterceptor(Authenticator authenticator) {
        super(Phase.POST_PROTOCOL);
        this.authenticator = authenticator;
    }

    @Override
    public void handleMessage(SoapMessage message) {
        Caller signedIn = signedIn(message);
        if (signedIn == null) {
            return; // WS-Security refused the message already
        }
        try {
            message.getExchange().put(Caller.class, resolve(signedIn, onBehalfOf(message)));
        } catch (NotAllowed | ConcurrentModification e) {
            throw Faults.beforeOperation(e);
        } catch (RuntimeException e) {
            message.getExchange().put(FaultRewriteInterceptor.INTERNAL, e);
            throw e;
        }
    }

    private Caller resolve(Caller signedIn, String behalf) {
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

    /** Who the current call is made as; set for every message that reached an operation. */
    static Caller current() {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        Caller caller = message == null ? null : message.getExchange().get(Caller.class);
        if (caller == null) {
            throw new IllegalStateException("No caller: the CallerInterceptor did not run");
        }
        return caller;
    }

    private static Caller signedIn(Message message) {
        SecurityContext context = message.get(SecurityContext.class);
        Principal principal = context == null ? null : context.getUserPrincipal();
        return principal instanceof Caller caller ? caller : null;
    }

    private static String onBehalfOf(SoapMessage message) {
        Header header = message.getHeader(ON_BEHALF_OF);
        if (header == null) {
            return null;
        }
        if (header.getObject() instanceof Element element) {
            for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element username && "username".equals(username.getLocalName())
                        && !username.getTextContent().isBlank()) {
                    return username.getTextContent().trim();
                }
            }
        }
        throw new NotAllowed("The OnBehalfOf header needs a username element naming an associate", null);
    }

    /** For the benchmark's no-op endpoint: only that someone signed in. */
    static void requireSignedIn() {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        if (message == null || signedIn(message) == null) {
            throw new IllegalStateException("No authenticated caller: the WS-Security interceptor did not run");
        }
    }
}
