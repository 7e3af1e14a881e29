package org.invitations.support.soapui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpression;
import javax.xml.xpath.XPathExpressionException;
import org.invitations.support.Xml;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** SoapUI's XPaths: XmlBeans' namespace prolog, then an expression XPath 1.0 and Saxon read alike. */
final class XPaths {

    /** XmlBeans' namespace prolog of a SoapUI XPath: declare namespace p='uri'; */
    private static final Pattern DECLARE =
            Pattern.compile("declare\\s+namespace\\s+([\\w.-]+)\\s*=\\s*(['\"])(.*?)\\2\\s*;");

    private XPaths() {
    }

    /** The nodes an XPath selects, or, when it selects none but computes a value, that value. */
    record Result(List<Node> nodes, String value) {
    }

    /**
     * Evaluates a SoapUI XPath: XmlBeans' "declare namespace p='uri';" prolog, then the expression (kept to
     * what XPath 1.0 here and SoapUI's XPath 2.0 read alike). A node-set gives its nodes; count(),
     * boolean() and string functions give their string value, as XmlBeans hands
     * XPathContainsAssertion a simple value.
     */
    static Result evaluate(Document document, String expression) throws XPathExpressionException {
        Map<String, String> namespaces = new HashMap<>();
        Matcher m = DECLARE.matcher(expression);
        int end = 0;
        while (m.find(end) && expression.substring(end, m.start()).isBlank()) {
            namespaces.put(m.group(1), m.group(3));
            end = m.end();
        }
        XPathExpression compiled = Xml.xpath(namespaces).compile(expression.substring(end).trim());
        try {
            NodeList list = (NodeList) compiled.evaluate(document, XPathConstants.NODESET);
            List<Node> nodes = new ArrayList<>();
            for (int i = 0; i < list.getLength(); i++) {
                nodes.add(list.item(i));
            }
            return new Result(nodes, null);
        } catch (XPathExpressionException notANodeSet) {
            String value = (String) compiled.evaluate(document, XPathConstants.STRING);
            // a whole number reads "2", as Saxon writes an xs:integer
            return new Result(null, value.matches("-?\\d+\\.0") ? value.substring(0, value.length() - 2) : value);
        }
    }

    /** What XPathContainsAssertion compares for a node: XmlUtils.getElementText for an element, else its value. */
    static String nodeValue(Node node) {
        if (node.getNodeType() == Node.ELEMENT_NODE) {
            Node first = node.getFirstChild();
            return first != null && first.getNodeType() == Node.TEXT_NODE ? first.getNodeValue() : null;
        }
        return node.getNodeValue();
    }
}
