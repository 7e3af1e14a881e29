package org.invitations.ws;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.SoapVersion;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptor;
import org.apache.cxf.ws.security.SecurityConstants;
import org.apache.cxf.ws.security.wss4j.CXFRequestData;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.apache.cxf.ws.security.wss4j.WSS4JUtils;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.bsp.BSPRule;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.engine.WSSecurityEngine;
import org.apache.wss4j.dom.engine.WSSecurityEngineResult;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.handler.WSHandlerResult;
import org.apache.wss4j.dom.util.WSSecurityUtil;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * WS-Security as real client stacks send it: a UsernameToken (PasswordText, with or without Nonce
 * and Created) is required, and a {@code wsu:Timestamp} may come with it, as node soap, WCF, zeep,
 * suds, WSS4J and gSOAP send by default or as an everyday option. A Timestamp that is present is
 * validated by WSS4J (expired, or created more than {@value #FUTURE_SECONDS} s ahead of the server's
 * clock, is refused); any other security element (signature, encryption, SAML) is refused.
 * Created and Expires may carry as many fractional digits as XML Schema's dateTime allows: python suds
 * sends six, and the Basic Security Profile's "SHOULD NOT" of more than three (R3220, R3229) is not
 * enforced; every other Basic Security Profile rule is.
 *
 * <p>Only the SOAP header is read as a DOM (CXF reads the headers into one before this runs); the body
 * stays a stream for the operation's unmarshalling and schema validation. The checks are WSS4J's own
 * (its DOM engine run on the wsse:Security element, with the same validator, times, replay cache and
 * Basic Security Profile rules as its {@code WSS4JInInterceptor}), only without the SAAJ copy of the
 * whole message that interceptor builds first.
 */
final class UsernameTokenInInterceptor extends WSS4JInInterceptor {

    /** How far a Timestamp's or token's Created may be ahead of the server's clock (clock skew). */
    static final int FUTURE_SECONDS = 60;
    /** How old a Timestamp's or token's Created may be when it has no Expires. */
    static final int TTL_SECONDS = 300;

    UsernameTokenInInterceptor(Map<String, Object> properties) {
        super(properties);
    }

    /** The request's wsse:Security element, on the exchange, for the fault's words about its times. */
    static final String SECURITY_HEADER = "invitations.security.header";

    /** No SAAJ: the message is not copied into a SAAJ DOM before the header is checked. */
    @Override
    public Collection<PhaseInterceptor<? extends Message>> getAdditionalInterceptors() {
        return List.of();
    }

    /**
     * WSS4JInInterceptor's receiving steps on the header CXF has read, not on a SAAJ copy of the
     * message: the same engine, configuration, validator, replay caches and results (the principal).
     */
    @Override
    public void handleMessage(SoapMessage message) throws Fault {
        if (message.containsKey(SECURITY_PROCESSED) || isGET(message) || message.getExchange() == null) {
            return;
        }
        SoapVersion version = message.getVersion();
        translateProperties(message);
        RequestData data = new CXFRequestData();
        WSSecurityEngine engine = getSecurityEngine(true);
        if (engine == null) {
            engine = new WSSecurityEngine();
        }
        data.setWssConfig(engine.getWssConfig());
        try {
            data.setMsgContext(message);
            setAlgorithmSuites(message, data);
            data.setCallbackHandler(getCallback(data, true));
            computeAction(message, data);
            List<Integer> actions = WSSecurityUtil.decodeAction((String) getOption(ConfigurationConstants.ACTION));
            String actor = (String) getOption(ConfigurationConstants.ACTOR);
            if (actor == null) {
                actor = (String) message.getContextualProperty(SecurityConstants.ACTOR);
            }
            data.setActor(actor);
            configureReplayCaches(data, actions, message);
            doReceiverAction(actions, data);
            Element header = soapHeader(message);
            Element security = header == null ? null
                    : WSSecurityUtil.getSecurityHeader(header, actor, version.getVersion() != 1.1);
            if (security != null) {
                message.getExchange().put(SECURITY_HEADER, security);
            }
            WSHandlerResult results = engine.processSecurityHeader(security, data);
            checkActions(message, results.getResults(), actions);
            doResults(message, actor, header, null, results, true);
            message.put(SECURITY_PROCESSED, Boolean.TRUE);
        } catch (WSSecurityException e) {
            throw WSS4JUtils.createSoapFault(message, version, e);
        } catch (javax.xml.stream.XMLStreamException | jakarta.xml.soap.SOAPException e) {
            throw new org.apache.cxf.binding.soap.SoapFault(e.getMessage(), e, version.getSender());
        }
    }

    /** The SOAP header element of the envelope CXF read up to the body; null when the request has none. */
    private static Element soapHeader(SoapMessage message) {
        Node read = message.getContent(Node.class);
        Document document = read instanceof Document d ? d : read == null ? null : read.getOwnerDocument();
        Element envelope = document == null ? null : document.getDocumentElement();
        if (envelope == null) {
            return null;
        }
        String namespace = message.getVersion().getNamespace();
        for (Node child = envelope.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && namespace.equals(element.getNamespaceURI())
                    && message.getVersion().getHeader().getLocalPart().equals(element.getLocalName())) {
                return element;
            }
        }
        return null;
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
