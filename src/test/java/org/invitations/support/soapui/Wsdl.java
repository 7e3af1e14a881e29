package org.invitations.support.soapui;

import static org.invitations.support.soapui.ProjectXml.childrenNS;
import static org.invitations.support.soapui.ProjectXml.elements;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.invitations.support.Xml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** What a project is checked against in the WSDL: its portType's operations and their declared faults. */
public final class Wsdl {

    public static final String NS = "http://schemas.xmlsoap.org/wsdl/";

    private Wsdl() {
    }

    /** Per operation of the WSDL's portType, the detail elements (local names) of its declared faults. */
    public static Map<String, Set<String>> declaredFaults(Path file) throws Exception {
        Document wsdl = Xml.parse(file);
        Map<String, String> messageElements = new HashMap<>();
        for (Element message : elements(wsdl, NS, "message")) {
            for (Element part : childrenNS(message, NS, "part")) {
                messageElements.put(message.getAttribute("name"), localPart(part.getAttribute("element")));
            }
        }
        Map<String, Set<String>> faults = new TreeMap<>();
        for (Element operation : elements(wsdl, NS, "operation")) {
            if (!"portType".equals(operation.getParentNode().getLocalName())) {
                continue;
            }
            Set<String> names = new TreeSet<>();
            for (Element fault : childrenNS(operation, NS, "fault")) {
                String element = messageElements.get(localPart(fault.getAttribute("message")));
                if (element != null) {
                    names.add(element);
                }
            }
            faults.put(operation.getAttribute("name"), names);
        }
        return faults;
    }

    private static String localPart(String qname) {
        return qname.substring(qname.indexOf(':') + 1);
    }
}
