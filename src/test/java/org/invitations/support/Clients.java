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

    /** A client that sends no WS-Security header at all. */
    public static InvitationsPortType anonymous(String address) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(InvitationsPortType.class);
        factory.setAddress(address);
        return factory.create(InvitationsPortType.class);
    }
}
