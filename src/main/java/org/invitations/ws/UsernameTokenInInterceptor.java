package org.invitations.ws;

import java.util.List;
import java.util.Map;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.apache.wss4j.common.bsp.BSPRule;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.engine.WSSecurityEngineResult;
import org.apache.wss4j.dom.handler.RequestData;

/**
 * WS-Security as real client stacks send it: a UsernameToken (PasswordText, with or without Nonce
 * and Created) is required, and a {@code wsu:Timestamp} may come with it, as node soap, WCF, zeep,
 * suds, WSS4J and gSOAP send by default or as an everyday option. A Timestamp that is present is
 * validated by WSS4J (expired, or created more than {@value #FUTURE_SECONDS} s ahead of the server's
 * clock, is refused); any other security element (signature, encryption, SAML) is refused.
 * Created and Expires may carry as many fractional digits as XML Schema's dateTime allows: python suds
 * sends six, and the Basic Security Profile's "SHOULD NOT" of more than three (R3220, R3229) is not
 * enforced; every other Basic Security Profile rule is.
 */
final class UsernameTokenInInterceptor extends WSS4JInInterceptor {

    /** How far a Timestamp's or token's Created may be ahead of the server's clock (clock skew). */
    static final int FUTURE_SECONDS = 60;
    /** How old a Timestamp's or token's Created may be when it has no Expires. */
    static final int TTL_SECONDS = 300;

    UsernameTokenInInterceptor(Map<String, Object> properties) {
        super(properties);
    }

    /** Timestamp precision beyond milliseconds is allowed; see the class comment. */
    static final List<BSPRule> IGNORED_BSP_RULES = List.of(BSPRule.R3220, BSPRule.R3229);

    @Override
    protected void doReceiverAction(List<Integer> actions, RequestData data) throws WSSecurityException {
        super.doReceiverAction(actions, data);
        data.setIgnoredBSPRules(IGNORED_BSP_RULES);
    }

    @Override
    protected void checkActions(SoapMessage message, List<WSSecurityEngineResult> results, List<Integer> actions)
            throws WSSecurityException {
        boolean token = false;
        for (WSSecurityEngineResult result : results) {
            Integer action = (Integer) result.get(WSSecurityEngineResult.TAG_ACTION);
            if (action != null && action == WSConstants.UT) {
                token = true;
            } else if (action == null || action != WSConstants.TS) {
                message.getExchange().put(FaultRewriteInterceptor.SECURITY_PROBLEM, "The Security header may hold"
                        + " only a UsernameToken and a Timestamp; leave signatures and encryption out (use TLS)");
                throw new WSSecurityException(WSSecurityException.ErrorCode.INVALID_SECURITY);
            }
        }
        if (!token) {
            message.getExchange().put(FaultRewriteInterceptor.SECURITY_PROBLEM, FaultRewriteInterceptor.NO_TOKEN);
            throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);
        }
    }
}
