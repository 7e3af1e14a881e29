package org.invitations.support;

import java.util.HashMap;
import java.util.Map;
import javax.security.auth.callback.CallbackHandler;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.invitations.ws.generated.InvitationsPortType;

/** CXF clients generated from the WSDL, each signed in as one associate with a UsernameToken. */
public final class Clients {

    private Clients() {
    }

    public static InvitationsPortType as(String address, String username, String password) {
        return as(address, username, password, "PasswordText");
    }

    public static InvitationsPortType as(String address, String username, String password, String passwordType) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(InvitationsPortType.class);
        factory.setAddress(address);
        Map<String, Object> security = new HashMap<>();
        security.put(ConfigurationConstants.ACTION, ConfigurationConstants.USERNAME_TOKEN);
        security.put(ConfigurationConstants.USER, username);
        security.put(ConfigurationConstants.PASSWORD_TYPE, passwordType);
        security.put(ConfigurationConstants.PW_CALLBACK_REF, (CallbackHandler) callbacks -> {
            for (var callback : callbacks) {
                ((WSPasswordCallback) callback).setPassword(password);
            }
        });
        factory.getOutInterceptors().add(new WSS4JOutInterceptor(security));
        return factory.create(InvitationsPortType.class);
    }

    /** Signed in as {@code username}, sending the OnBehalfOf header that names {@code onBehalfOf}. */
    public static InvitationsPortType onBehalfOf(String address, String username, String password, String onBehalfOf)
            throws Exception {
        InvitationsPortType port = as(address, username, password);
        var document = javax.xml.parsers.DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder().newDocument();
        var header = document.createElementNS("urn:invitations:v1", "inv:OnBehalfOf");
        var name = document.createElementNS("urn:invitations:v1", "inv:username");
        name.setTextContent(onBehalfOf);
        header.appendChild(name);
        ((jakarta.xml.ws.BindingProvider) port).getRequestContext().put(org.apache.cxf.headers.Header.HEADER_LIST,
                java.util.List.of(new org.apache.cxf.headers.Header(
                        new javax.xml.namespace.QName("urn:invitations:v1", "OnBehalfOf"), header)));
        return port;
    }

    /** A client that sends no WS-Security header at all. */
    public static InvitationsPortType anonymous(String address) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(InvitationsPortType.class);
        factory.setAddress(address);
        return factory.create(InvitationsPortType.class);
    }
}
