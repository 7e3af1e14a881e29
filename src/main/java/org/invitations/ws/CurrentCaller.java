package org.invitations.ws;

import java.security.Principal;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.apache.cxf.security.SecurityContext;
import org.invitations.security.Caller;

/** The associate the current SOAP call was authenticated as (set by {@link PasswordTextValidator}). */
final class CurrentCaller {

    private CurrentCaller() {
    }

    static Caller get() {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        SecurityContext context = message == null ? null : message.get(SecurityContext.class);
        Principal principal = context == null ? null : context.getUserPrincipal();
        if (principal instanceof Caller caller) {
            return caller;
        }
        throw new IllegalStateException("No authenticated caller: the WS-Security interceptor did not run");
    }
}
