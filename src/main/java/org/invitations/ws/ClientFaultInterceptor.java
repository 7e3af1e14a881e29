package org.invitations.ws;

import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.phase.Phase;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.invitations.security.AuthenticationFailed;
import org.invitations.ws.generated.InvalidRequestFault;
import org.invitations.ws.generated.InvalidTransitionFault;
import org.invitations.ws.generated.NotAllowedFault;
import org.invitations.ws.generated.NotFoundFault;

/**
 * Marks the faults the caller caused as client faults (soap:Client), and replaces WS-Security's
 * deliberately vague text with one that says what to send. The reason for a failed login is never
 * revealed (unknown user and wrong password read the same).
 */
final class ClientFaultInterceptor extends AbstractSoapInterceptor {

    static final QName FAILED_AUTHENTICATION = new QName(
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd",
            "FailedAuthentication", "wsse");

    ClientFaultInterceptor() {
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
        if (message.getContent(Exception.class) instanceof Fault current && current.getMessage() != null
                && current.getMessage().length() > MAX_FAULT_STRING) {
            Fault shortened = new Fault(new org.apache.cxf.common.i18n.Message(
                    current.getMessage().substring(0, MAX_FAULT_STRING) + "… (shortened)",
                    (java.util.ResourceBundle) null), current.getCause());
            shortened.setFaultCode(current.getFaultCode());
            shortened.setDetail(current.getDetail());
            message.setContent(Exception.class, shortened);
        }
    }

    private void handle(SoapMessage message, Fault fault) {
        Throwable cause = fault.getCause();
        if (cause instanceof InvalidRequestFault || cause instanceof NotFoundFault
                || cause instanceof NotAllowedFault || cause instanceof InvalidTransitionFault) {
            fault.setFaultCode(Fault.FAULT_CODE_CLIENT);
        } else if (isUnreadableXml(fault)) {
            Fault unreadable = new Fault(new org.apache.cxf.common.i18n.Message(
                    "The request is not acceptable XML: " + rootMessage(fault), (java.util.ResourceBundle) null), cause);
            unreadable.setFaultCode(Fault.FAULT_CODE_CLIENT);
            message.setContent(Exception.class, unreadable);
        } else if (isSecurityError(fault)) {
            Object reason = message.getExchange().get(PasswordTextValidator.FAILURE);
            Fault authentication = new Fault(new org.apache.cxf.common.i18n.Message(
                    reason == null ? AuthenticationFailed.GENERIC : reason.toString(),
                    (java.util.ResourceBundle) null), cause);
            authentication.setFaultCode(FAILED_AUTHENTICATION);
            message.setContent(Exception.class, authentication);
        }
    }

    /** Security processing builds a DOM first; when that fails, the reason is the XML, not the login. */
    private static boolean isUnreadableXml(Fault fault) {
        return fault.getMessage() != null && fault.getMessage().startsWith("Problems creating SAAJ object model");
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
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
