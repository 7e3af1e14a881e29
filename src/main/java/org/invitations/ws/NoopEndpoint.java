package org.invitations.ws;

import jakarta.xml.ws.BindingType;
import jakarta.xml.ws.Provider;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceProvider;
import jakarta.xml.ws.soap.SOAPBinding;
import java.io.StringReader;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.dom.DOMSource;
import org.xml.sax.InputSource;

/**
 * The benchmark's ceiling: the same CXF and Jetty stack and the same WS-Security check as the real
 * port, but the body is only parsed into a DOM and answered with a constant. Published only with
 * {@code --bench-noop}, never by default.
 */
@WebServiceProvider(serviceName = "NoopService", portName = "NoopPort", targetNamespace = "urn:invitations:bench")
@ServiceMode(Service.Mode.PAYLOAD)
@BindingType(SOAPBinding.SOAP11HTTP_BINDING)
public class NoopEndpoint implements Provider<DOMSource> {

    private static final String ANSWER = "<NoopResponse xmlns=\"urn:invitations:bench\"><ok>true</ok></NoopResponse>";
    private static final ThreadLocal<DocumentBuilder> BUILDERS = ThreadLocal.withInitial(() -> {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        try {
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    });

    @Override
    public DOMSource invoke(DOMSource request) {
        if (request.getNode() == null) {
            throw new IllegalArgumentException("empty body");
        }
        CallerInterceptor.requireSignedIn();
        try {
            return new DOMSource(BUILDERS.get().parse(new InputSource(new StringReader(ANSWER))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
