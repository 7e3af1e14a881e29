package org.invitations.ws;

import java.util.HashMap;
import java.util.Set;
import org.apache.cxf.ext.logging.LoggingFeature;
import java.util.Map;
import javax.xml.namespace.QName;
import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.ws.security.SecurityConstants;
import org.apache.wss4j.common.ConfigurationConstants;
import org.invitations.audit.AuditLog;
import org.invitations.directory.DirectoryService;
import org.invitations.invitation.DiaryService;
import org.invitations.invitation.InvitationService;
import org.invitations.invitation.MeetingService;
import org.invitations.security.Authenticator;
import org.invitations.task.TaskService;
import org.invitations.ws.generated.InvitationsPortType;

/**
 * Publishes the invitations port on a CXF bus, at an address below the CXF servlet: the hand-written
 * WSDL, request schema validation, and a WS-Security UsernameToken required on every call.
 */
public final class SoapEndpoints {

    public static final String NAMESPACE = "urn:invitations:v1";

    private SoapEndpoints() {
    }

    /** The largest request body accepted; a CreateInvitation with 500 participants is about 40 KB. */
    public static final long MAX_REQUEST_BYTES = 1024 * 1024;

    public static Server publish(Bus bus, String address, InvitationsEndpoint endpoint, Authenticator authenticator,
                                 boolean logMessages, io.micrometer.core.instrument.MeterRegistry metrics) {
        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setBus(bus);
        factory.setServiceClass(InvitationsPortType.class);
        factory.setServiceBean(endpoint);
        factory.setAddress(address);
        factory.setWsdlLocation("classpath:wsdl/invitations.wsdl");
        factory.setServiceName(new QName(NAMESPACE, "InvitationsService"));
        factory.setEndpointName(new QName(NAMESPACE, "InvitationsPort"));

        Map<String, Object> properties = new HashMap<>();
        properties.put("schema-validation-enabled", "IN");
        properties.put("jaxb-validation-event-handler", SchemaErrors.handler());
        // StAX limits (CXF's defaults are generous): no text node or attribute beyond 64 KB.
        properties.put("org.apache.cxf.stax.maxTextLength", 64 * 1024);
        properties.put("org.apache.cxf.stax.maxAttributeSize", 64 * 1024);
        properties.put(SecurityConstants.USERNAME_TOKEN_VALIDATOR, new PasswordTextValidator(authenticator));
        factory.setProperties(properties);

        factory.getInInterceptors().add(new RequestSizeLimit(MAX_REQUEST_BYTES));
        factory.getInInterceptors().add(new UsernameTokenInInterceptor(usernameToken()));
        factory.getInInterceptors().add(new CallerInterceptor(authenticator));
        factory.getInInterceptors().add(SchemaErrors.pathTracker());
        factory.getInInterceptors().add(FaultRewriteInterceptor.invocationMarker());
        factory.getOutFaultInterceptors().add(new FaultRewriteInterceptor());
        SoapMetrics timing = new SoapMetrics(metrics);
        factory.getInInterceptors().add(timing.start());
        factory.getOutInterceptors().add(timing.stop());
        factory.getOutFaultInterceptors().add(timing.stop());
        if (logMessages) {
            factory.getFeatures().add(maskedLogging());
        }
        return factory.create();
    }

    /** Message logging that never writes a password: every password element's content is masked. */
    static LoggingFeature maskedLogging() {
        LoggingFeature logging = new LoggingFeature();
        logging.setPrettyLogging(false);
        logging.setLogBinary(false);
        logging.setLimit(64 * 1024);
        logging.addSensitiveElementNames(Set.of("Password", "password", "currentPassword", "newPassword"));
        return logging;
    }

    /** The benchmark's no-op ceiling at {@code address}: same transport and WS-Security, no service, no database. */
    public static Server publishNoop(Bus bus, String address, Authenticator authenticator) {
        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setBus(bus);
        factory.setServiceBean(new NoopEndpoint());
        factory.setAddress(address);
        factory.setProperties(new HashMap<>(Map.of(
                SecurityConstants.USERNAME_TOKEN_VALIDATOR, new PasswordTextValidator(authenticator))));
        factory.getInInterceptors().add(new RequestSizeLimit(MAX_REQUEST_BYTES));
        factory.getInInterceptors().add(new UsernameTokenInInterceptor(usernameToken()));
        return factory.create();
    }

    private static Map<String, Object> usernameToken() {
        Map<String, Object> security = new HashMap<>();
        security.put(ConfigurationConstants.ACTION, ConfigurationConstants.USERNAME_TOKEN);
        security.put(ConfigurationConstants.PASSWORD_TYPE, "PasswordText");
        security.put(ConfigurationConstants.TTL_TIMESTAMP, String.valueOf(UsernameTokenInInterceptor.TTL_SECONDS));
        security.put(ConfigurationConstants.TTL_FUTURE_TIMESTAMP,
                String.valueOf(UsernameTokenInInterceptor.FUTURE_SECONDS));
        security.put(ConfigurationConstants.TTL_USERNAMETOKEN, String.valueOf(UsernameTokenInInterceptor.TTL_SECONDS));
        security.put(ConfigurationConstants.TTL_FUTURE_USERNAMETOKEN,
                String.valueOf(UsernameTokenInInterceptor.FUTURE_SECONDS));
        return security;
    }
}
