package org.invitations.ws;

import jakarta.xml.ws.BindingType;
import jakarta.xml.ws.Provider;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceProvider;
import jakarta.xml.ws.soap.SOAPBinding;
import java.io.StringReader;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import org.apache.cxf.staxutils.StaxUtils;

/**
 * The benchmark's ceiling: the same CXF and Jetty stack and the same WS-Security check as the real
 * port, but the body is only read as a stream and answered with a constant text, which CXF streams
 * out as the real port's JAXB answers are (no DOM on either side). Published only with
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
public class NoopEndpoint implements Provider<Source> {

    static final String NAMESPACE = "urn:invitations:bench";
    /** The largest answer asked for is as large as the largest request accepted. */
    static final int MAX_ANSWER_BYTES = (int) SoapEndpoints.MAX_REQUEST_BYTES;
    private static final String ANSWER = "<NoopResponse xmlns=\"urn:invitations:bench\"><ok>true</ok></NoopResponse>";
    /** One item of a sized answer: twelve elements in some 300 bytes, about what one invitation of a page is. */
    private static final String ITEM = "<item>" + "<v>constant-answer-text</v>".repeat(11) + "</item>";
    /** The last sized answer built: a run asks for one size, and only one is kept. */
    private volatile Sized last = new Sized(0, ANSWER);

    private record Sized(int bytes, String xml) {
    }

    @Override
    public Source invoke(Source request) {
        if (request == null) {
            throw new IllegalArgumentException("empty body");
        }
        CallerInterceptor.requireSignedIn();
        try {
            return new StreamSource(new StringReader(answer(request)));
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private String answer(Source body) throws XMLStreamException {
        XMLStreamReader reader = StaxUtils.createXMLStreamReader(body);
        try {
            int event = reader.getEventType();
            while (event != XMLStreamConstants.START_ELEMENT && reader.hasNext()) {
                event = reader.next(); // to the body's root element, wherever the source stands
            }
            if (!reader.isStartElement() || !NAMESPACE.equals(reader.getNamespaceURI())
                    || !"Noop".equals(reader.getLocalName())) {
                return ANSWER;
            }
            int bytes = 0;
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.START_ELEMENT && NAMESPACE.equals(reader.getNamespaceURI())
                        && "answerBytes".equals(reader.getLocalName())) {
                    bytes = Math.max(0, Math.min(MAX_ANSWER_BYTES, Integer.parseInt(reader.getElementText().trim())));
                    break;
                }
            }
            return sized(bytes);
        } finally {
            reader.close();
        }
    }

    private String sized(int bytes) {
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
