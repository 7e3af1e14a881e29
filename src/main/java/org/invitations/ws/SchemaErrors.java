package org.invitations.ws;

import jakarta.xml.bind.ValidationEvent;
import jakarta.xml.bind.ValidationEventHandler;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;
import org.apache.cxf.wsdl.interceptors.DocLiteralInInterceptor;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.phase.PhaseInterceptorChain;

/**
 * Schema violations as the declared InvalidRequestFault with the field at fault: the request body is
 * read through a reader that knows the path of the element it is at (relative to the operation's
 * element, e.g. {@code participants/participant[3]/associateId}), and the JAXB validation handler
 * notes that path with the rule that was broken. {@link FaultRewriteInterceptor} writes the fault.
 */
final class SchemaErrors {

    /** The first schema error of the request: where and what. */
    record Error(String field, String rule) {
    }

    private SchemaErrors() {
    }

    /** Wraps the body's reader before the operation's element is unmarshalled. */
    static AbstractPhaseInterceptor<Message> pathTracker() {
        AbstractPhaseInterceptor<Message> tracker = new AbstractPhaseInterceptor<>(Phase.UNMARSHAL) {
            @Override
            public void handleMessage(Message message) {
                XMLStreamReader reader = message.getContent(XMLStreamReader.class);
                if (reader != null && !(reader instanceof PathReader)) {
                    PathReader paths = new PathReader(reader);
                    message.getExchange().put(PathReader.class, paths);
                    message.setContent(XMLStreamReader.class, paths);
                }
            }
        };
        tracker.addBefore(DocLiteralInInterceptor.class.getName());
        return tracker;
    }

    /** Records the first error with the path the reader is at, and stops reading. */
    static ValidationEventHandler handler() {
        return event -> {
            if (event.getSeverity() == ValidationEvent.WARNING) {
                return true;
            }
            Message message = PhaseInterceptorChain.getCurrentMessage();
            Exchange exchange = message == null ? null : message.getExchange();
            if (exchange != null && exchange.get(Error.class) == null) {
                PathReader paths = exchange.get(PathReader.class);
                String rule = event.getMessage() != null ? event.getMessage()
                        : event.getLinkedException() != null ? event.getLinkedException().getMessage() : "invalid";
                exchange.put(Error.class, new Error(paths == null ? null : paths.path(), rule));
            }
            return false;
        };
    }

    /** A reader that keeps the path of the element of its last start or end event. */
    static final class PathReader extends StreamReaderDelegate {
        private final Deque<String> names = new ArrayDeque<>();
        private final Deque<Map<String, Integer>> seen = new ArrayDeque<>();
        private String path = "";

        PathReader(XMLStreamReader reader) {
            super(reader);
            seen.push(new HashMap<>());
        }

        String path() {
            return path.isEmpty() ? null : path;
        }

        @Override
        public int next() throws XMLStreamException {
            int event = super.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                String name = getLocalName();
                int n = seen.peek().merge(name, 1, Integer::sum);
                names.addLast(n > 1 ? name + "[" + n + "]" : name);
                seen.push(new HashMap<>());
                path = String.join("/", names);
            } else if (event == XMLStreamConstants.END_ELEMENT && !names.isEmpty()) {
                path = String.join("/", names);
                names.removeLast();
                seen.pop();
            }
            return event;
        }

        @Override
        public int nextTag() throws XMLStreamException {
            int event = next();
            while (event == XMLStreamConstants.CHARACTERS && isWhiteSpace() || event == XMLStreamConstants.SPACE
                    || event == XMLStreamConstants.COMMENT || event == XMLStreamConstants.PROCESSING_INSTRUCTION) {
                event = next();
            }
            if (event != XMLStreamConstants.START_ELEMENT && event != XMLStreamConstants.END_ELEMENT) {
                throw new XMLStreamException("expected an element, found event " + event, getLocation());
            }
            return event;
        }
    }
}
