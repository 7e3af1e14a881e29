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
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * The benchmark's ceiling: the same CXF and Jetty stack and the same WS-Security check as the real
 * port, but the body is only parsed into a DOM and answered with a constant. Published only with
 * {@code --bench-noop}, never by default.
 *
 * <p>A body {@code <Noop xmlns="urn:invitations:bench"><answerBytes>N</answerBytes></Noop>} asks for
 * a constant answer of about N bytes, made of small elements like a page of a list, so that the
 * benchmark can compare a list call with a ceiling that answers as much. This endpoint has no WSDL,
 * so the field changes no contract. Any other body gets the short constant.
 */
@WebServiceProvider(serviceName = "NoopService", portName = "NoopPort", targetNamespace = "urn:invitations:bench")
@ServiceMode(Service.Mode.PAYLOAD)
@BindingType(SOAPBinding.SOAP11HTTP_BINDING)
public class NoopEndpoint implements Provider<DOMSource> {

    static final String NAMESPACE = "urn:invitations:bench";
    /** The largest answer asked for is as large as the largest request accepted. */
    static final int MAX_ANSWER_BYTES = (int) SoapEndpoints.MAX_REQUEST_BYTES;
    private static final String ANSWER = "<NoopResponse xmlns=\"urn:invitations:bench\"><ok>true</ok></NoopResponse>";
    /** One item of a sized answer: twelve elements in some 300 bytes, about what one invitation of a page is. */
    private static final String ITEM = "<item>" + "<v>constant-answer-text</v>".repeat(11) + "</item>";
    private static final ThreadLocal<DocumentBuilder> BUILDERS = ThreadLocal.withInitial(() -> {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        try {
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    });

    /** The last sized answer built: a run asks for one size, and only one is kept. */
    private volatile Sized last = new Sized(0, ANSWER);

    private record Sized(int bytes, String xml) {
    }

    @Override
    public DOMSource invoke(DOMSource request) {
        if (request.getNode() == null) {
            throw new IllegalArgumentException("empty body");
        }
        CallerInterceptor.requireSignedIn();
        try {
            return new DOMSource(BUILDERS.get().parse(new InputSource(new StringReader(answer(request.getNode())))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String answer(Node body) {
        Element root = body instanceof Document document ? document.getDocumentElement() : (Element) body;
        if (!NAMESPACE.equals(root.getNamespaceURI()) || !"Noop".equals(root.getLocalName())) {
            return ANSWER;
        }
        Node size = root.getElementsByTagNameNS(NAMESPACE, "answerBytes").item(0);
        int bytes = size == null ? 0 : Math.max(0, Math.min(MAX_ANSWER_BYTES, Integer.parseInt(size.getTextContent().trim())));
        Sized known = last;
        if (known.bytes() != bytes) {
            StringBuilder xml = new StringBuilder(bytes + ITEM.length() + 64)
                    .append("<NoopResponse xmlns=\"urn:invitations:bench\"><ok>true</ok>");
            while (xml.length() + ITEM.length() + "</NoopResponse>".length() <= bytes) {
                xml.append(ITEM);
            }
            known = new Sized(bytes, xml.append("</NoopResponse>").toString());
            last = known;
        }
        return known.xml();
    }
}
