package org.invitations.support.soapui;

import static org.invitations.support.soapui.ProjectXml.setting;

import java.util.Map;
import org.invitations.support.Xml;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** SoapUI's assertion type ids and the assertions the project uses, each as SoapUI's class runs it. */
public final class Assertions {

    /** NotSoapFaultAssertion.ID: passes only when the answer is NOT a SOAP fault. */
    public static final String NOT_SOAP_FAULT = "SOAP Fault Assertion";
    /** SoapFaultAssertion.ID: passes only when the answer IS a SOAP fault. */
    public static final String SOAP_FAULT = "Not SOAP Fault Assertion";
    /** SoapResponseAssertion.ID. */
    public static final String SOAP_RESPONSE = "SOAP Response";
    /** XPathContainsAssertion.ID. */
    public static final String XPATH_MATCH = "XPath Match";
    /** SimpleContainsAssertion.ID. */
    public static final String CONTAINS = "Simple Contains";
    /** SimpleNotContainsAssertion.ID. */
    public static final String NOT_CONTAINS = "Simple NotContains";

    /**
     * Every assertion type id the constructor of TestAssertionRegistry registers, with the class it builds
     * (read from each class's ID constant). Its "MessageContentAssertion" is only a placeholder for a
     * ReadyAPI assertion and is left out: SoapUI cannot run it.
     */
    public static final Map<String, String> REGISTERED = Map.ofEntries(
            Map.entry(SOAP_RESPONSE, "SoapResponseAssertion"),
            Map.entry("SOAP Request", "SoapRequestAssertion"),
            Map.entry("Schema Compliance", "SchemaComplianceAssertion"),
            Map.entry(CONTAINS, "SimpleContainsAssertion"),
            Map.entry(NOT_CONTAINS, "SimpleNotContainsAssertion"),
            Map.entry(XPATH_MATCH, "XPathContainsAssertion"),
            Map.entry(NOT_SOAP_FAULT, "NotSoapFaultAssertion"),
            Map.entry(SOAP_FAULT, "SoapFaultAssertion"),
            Map.entry("Response SLA Assertion", "ResponseSLAAssertion"),
            Map.entry("GroovyScriptAssertion", "GroovyScriptAssertion"),
            Map.entry("XQuery Match", "XQueryContainsAssertion"),
            Map.entry("WSS Status Assertion", "WSSStatusAssertion"),
            Map.entry("WS-A Response Assertion", "WSAResponseAssertion"),
            Map.entry("WS-A Request Assertion", "WSARequestAssertion"),
            Map.entry("JMS Status", "JMSStatusAssertion"),
            Map.entry("JMS Timeout", "JMSTimeoutAssertion"),
            Map.entry("JDBC Status", "JdbcStatusAssertion"),
            Map.entry("JDBC Timeout", "JdbcTimeoutAssertion"),
            Map.entry("HTTP Download all resources", "HttpDownloadAllResourcesAssertion"),
            Map.entry("JsonPath Match", "JsonPathContentAssertion"),
            Map.entry("JsonPath Count", "JsonPathCountAssertion"),
            Map.entry("JsonPath Existence Match", "JsonPathExistenceAssertion"),
            Map.entry("JsonPath RegEx Match", "JsonPathRegExAssertion"),
            Map.entry("Valid HTTP Status Codes", "ValidHttpStatusCodesAssertion"),
            Map.entry("Invalid HTTP Status Codes", "InvalidHttpStatusCodesAssertion"),
            Map.entry("Sensitive Information Exposure", "SensitiveInfoExposureAssertion"),
            Map.entry("CrosSiteScript", "CrossSiteScriptAssertion"));

    private Assertions() {
    }

    /** One assertion on the answer: null when it passes, else what SoapUI would report. */
    static String check(Element assertion, String content, PropertyExpander expander) throws Exception {
        return switch (assertion.getAttribute("type")) {
            case SOAP_RESPONSE -> soapResponse(content);
            case NOT_SOAP_FAULT -> isSoapFault(content) ? "Response is a SOAP Fault" : null;
            case SOAP_FAULT -> isSoapFault(content) ? null : "Response is not a SOAP Fault";
            case XPATH_MATCH -> xpathMatch(assertion, content, expander);
            case CONTAINS -> contains(assertion, content, true, expander);
            case NOT_CONTAINS -> contains(assertion, content, false, expander);
            default -> throw new NotReplayed("the assertion type \"" + assertion.getAttribute("type") + "\" ("
                    + REGISTERED.getOrDefault(assertion.getAttribute("type"), "not a SoapUI id") + ")");
        };
    }

    /** SoapUtils.isSoapFault(content, SoapVersion.Soap11). */
    private static boolean isSoapFault(String content) throws Exception {
        if (content == null || content.isEmpty()) {
            return false;
        }
        if (content.indexOf(":Fault") <= 0 && content.indexOf("<Fault") <= 0) {
            return false;
        }
        return Xml.parse(content).getElementsByTagNameNS(Xml.SOAP, "Fault").getLength() > 0;
    }

    /** SoapResponseAssertion: WsdlValidator.assertResponse(exchange, true), a SOAP 1.1 envelope with a body. */
    private static String soapResponse(String content) throws Exception {
        if (content == null || content.isEmpty()) {
            return "Response is missing or empty";
        }
        Element envelope = Xml.parse(content).getDocumentElement();
        if (!Xml.SOAP.equals(envelope.getNamespaceURI()) || !"Envelope".equals(envelope.getLocalName())) {
            return "the answer is not a SOAP 1.1 Envelope";
        }
        for (Node n = envelope.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && Xml.SOAP.equals(e.getNamespaceURI()) && "Body".equals(e.getLocalName())) {
                return null;
            }
        }
        return "the Envelope has no Body";
    }

    /** XPathContainsAssertion.assertContent. */
    private static String xpathMatch(Element assertion, String content, PropertyExpander expander) throws Exception {
        String path = setting(assertion, "path");
        String expectedContent = setting(assertion, "content");
        if (path == null || expectedContent == null) {
            return "no path or no content (SoapUI would pass it without checking anything)";
        }
        if (setting(assertion, "allowWildcards", false)) {
            throw new NotReplayed("allowWildcards in an XPath Match (Tools.assertSimilar)");
        }
        if (setting(assertion, "ignoreComments", false)) {
            throw new NotReplayed("ignoreComments in an XPath Match");
        }
        String expandedPath = expander.expand(path);
        String expected = expander.expand(expectedContent);
        if (!expandedPath.endsWith("text()") && expected.trim().startsWith("<")) {
            throw new NotReplayed("an XPath Match comparing XML content (XMLUnit)");
        }
        XPaths.Result result = XPaths.evaluate(Xml.parse(content), expandedPath);
        if (result.nodes() == null) {
            String actual = expander.expand(result.value());
            return expected.equals(actual) ? null : mismatch(path, expected, actual);
        }
        if (result.nodes().isEmpty()) {
            return "Missing content for xpath [" + path + "] in Response";
        }
        String actual = null;
        for (Node node : result.nodes()) {
            actual = expander.expand(XPaths.nodeValue(node));
            if (expected.equals(actual)) {
                return null; // any selected node that matches passes
            }
        }
        return mismatch(path, expected, actual)
                + (result.nodes().size() > 1 ? " (and " + (result.nodes().size() - 1) + " other nodes)" : "");
    }

    /** SimpleContainsAssertion / SimpleNotContainsAssertion.assertContent. */
    private static String contains(Element assertion, String content, boolean present, PropertyExpander expander) {
        String token = setting(assertion, "token");
        String replToken = normalize(expander.expand(token == null ? "" : token));
        String answer = normalize(content == null ? "" : content);
        if (replToken.isEmpty()) {
            return null;
        }
        boolean found;
        if (setting(assertion, "useRegEx", false)) {
            found = answer.matches(replToken);
        } else if (setting(assertion, "ignoreCase", false)) {
            found = answer.toUpperCase().contains(replToken.toUpperCase());
        } else {
            found = answer.contains(replToken);
        }
        if (present) {
            return found ? null : "Missing token [" + replToken + "] in Response";
        }
        return found ? "Response contains token [" + replToken + "]" : null;
    }

    private static String mismatch(String path, String expected, String actual) {
        return "XPathContains comparison failed for path [" + path + "], expecting [" + expected
                + "], actual was [" + actual + "]";
    }

    /** The CRLF normalisation of SimpleContainsAssertion. */
    private static String normalize(String s) {
        return s.replace("\r\n", "\n");
    }
}
