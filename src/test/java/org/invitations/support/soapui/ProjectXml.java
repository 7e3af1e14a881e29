package org.invitations.support.soapui;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Reading a SoapUI project file: its con: elements, assertion settings and boolean attributes. */
public final class ProjectXml {

    /** The namespace of every element of a SoapUI project file. */
    public static final String CON = "http://eviware.com/soapui/config";

    private ProjectXml() {
    }

    /** Every element of that name anywhere in the document, in document order. */
    public static List<Element> elements(Document document, String namespace, String localName) {
        NodeList nodes = document.getElementsByTagNameNS(namespace, localName);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    public static List<Element> childrenNS(Element parent, String namespace, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && namespace.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    /** The con: children along a path of names. */
    public static List<Element> children(Element parent, String... path) {
        List<Element> current = List.of(parent);
        for (String name : path) {
            List<Element> next = new ArrayList<>();
            for (Element element : current) {
                next.addAll(childrenNS(element, CON, name));
            }
            current = next;
        }
        return current;
    }

    /** The first con: child of that name; an AssertionError when there is none. */
    public static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        if (found.isEmpty()) {
            throw new AssertionError("<" + parent.getLocalName() + "> has no <" + name + ">");
        }
        return found.get(0);
    }

    public static String optionalText(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? "" : text(found.get(0));
    }

    /** An assertion's setting: an unqualified child of its con:configuration (XmlObjectConfigurationReader). */
    public static String setting(Element assertion, String name) {
        for (Element configuration : children(assertion, "configuration")) {
            for (Node n = configuration.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getNamespaceURI() == null && name.equals(e.getLocalName())) {
                    return e.getTextContent();
                }
            }
        }
        return null;
    }

    /** XmlObjectConfigurationReader.readBoolean: the setting, or the default when it is absent. */
    public static boolean setting(Element assertion, String name, boolean absent) {
        String value = setting(assertion, name);
        return value == null ? absent : Boolean.parseBoolean(value.trim());
    }

    /** A boolean attribute of the project file, or the default when it is absent. */
    public static boolean flag(Element element, String attribute, boolean absent) {
        String value = element.getAttribute(attribute);
        return value.isEmpty() ? absent : Boolean.parseBoolean(value);
    }

    public static String text(Element element) {
        return element.getTextContent();
    }
}
