package org.invitations.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import org.invitations.app.InvitationsServer;
import org.invitations.support.TestServer;
import org.invitations.support.Xml;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Replays every test step of {@code soapui/invitations-soapui-project.xml} against the real server,
 * the way SoapUI runs it: request steps with property expansion, property transfers, and the
 * assertions SoapUI would check. An assertion type this replay does not know fails the test, so the
 * project cannot quietly outgrow its check.
 */
class SoapUiProjectReplayTest {

    private static final Path PROJECT = Path.of("soapui", "invitations-soapui-project.xml");
    private static final String CON = "http://eviware.com/soapui/config";
    private static final Pattern EXPANSION = Pattern.compile("\\$\\{#(Project|TestCase)#(\\w+)}");
    private static final Pattern DECLARE = Pattern.compile("declare namespace (\\w+)\\s*=\\s*'([^']*)';");

    @TempDir
    static Path data;
    static InvitationsServer server;
    static Document project;
    static Map<String, String> soapActions = new HashMap<>();
    static Map<String, String> projectProperties = new HashMap<>();
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(data);
        project = Xml.parse(PROJECT);
        for (Element op : children(project.getDocumentElement(), "interface", "operation")) {
            soapActions.put(op.getAttribute("name"), op.getAttribute("action"));
        }
        projectProperties.put("endpoint", server.address());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @TestFactory
    List<DynamicTest> everyTestCaseOfTheProjectPasses() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Element testCase : children(project.getDocumentElement(), "testSuite", "testCase")) {
            tests.add(DynamicTest.dynamicTest(testCase.getAttribute("name"), () -> run(testCase)));
        }
        assertTrue(tests.size() >= 3, "the project has its test cases");
        return tests;
    }

    @Test
    void projectUsesEveryOperationOfTheWsdl() throws Exception {
        Document wsdl = Xml.parse(Path.of("wsdl", "invitations.wsdl"));
        TreeSet<String> declared = new TreeSet<>();
        NodeList ops = wsdl.getElementsByTagNameNS("http://schemas.xmlsoap.org/wsdl/", "operation");
        for (int i = 0; i < ops.getLength(); i++) {
            if ("portType".equals(ops.item(i).getParentNode().getLocalName())) {
                declared.add(((Element) ops.item(i)).getAttribute("name"));
            }
        }
        TreeSet<String> used = new TreeSet<>();
        NodeList steps = project.getElementsByTagNameNS(CON, "testStep");
        for (int i = 0; i < steps.getLength(); i++) {
            Element step = (Element) steps.item(i);
            if ("request".equals(step.getAttribute("type"))) {
                used.add(text(child(child(step, "config"), "operation")));
            }
        }
        assertEquals(declared, used);
        assertEquals(declared, new TreeSet<>(soapActions.keySet()), "the interface lists every operation");
    }

    private void run(Element testCase) throws Exception {
        Map<String, String> properties = new HashMap<>();
        for (Element property : children(testCase, "properties", "property")) {
            properties.put(text(child(property, "name")), text(child(property, "value")));
        }
        Map<String, Document> responses = new HashMap<>();
        for (Element step : children(testCase, "testStep")) {
            String name = step.getAttribute("name");
            switch (step.getAttribute("type")) {
                case "request" -> responses.put(name, request(name, child(step, "config"), properties));
                case "transfer" -> transfer(child(step, "config"), responses, properties);
                default -> fail("Step '" + name + "' has type " + step.getAttribute("type")
                        + ", which this replay does not run");
            }
        }
    }

    private Document request(String stepName, Element config, Map<String, String> properties) throws Exception {
        String operation = text(child(config, "operation"));
        Element request = child(config, "request");
        String endpoint = expand(text(child(request, "endpoint")), properties);
        String body = expand(text(child(request, "request")), properties);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(endpoint))
                        .header("Content-Type", "text/xml; charset=UTF-8")
                        .header("SOAPAction", "\"" + soapActions.get(operation) + "\"")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        Document document = Xml.parse(response.body());
        boolean isFault = document.getElementsByTagNameNS(Xml.SOAP, "Fault").getLength() > 0;
        for (Element assertion : children(request, "assertion")) {
            String what = "step '" + stepName + "', assertion '" + assertion.getAttribute("name") + "': ";
            switch (assertion.getAttribute("type")) {
                case "SOAP Response" -> assertEquals("Envelope", document.getDocumentElement().getLocalName(),
                        what + response.body());
                // SoapUI's ids, as TestAssertionRegistry registers them: "SOAP Fault Assertion" is
                // NotSoapFaultAssertion.ID (the answer must not be a fault), "Not SOAP Fault Assertion" is
                // SoapFaultAssertion.ID (the answer must be a fault).
                case "SOAP Fault Assertion" -> assertTrue(!isFault, what + response.body());
                case "Not SOAP Fault Assertion" -> assertTrue(isFault, what + response.body());
                case "Simple Contains" -> assertTrue(response.body().contains(
                        expand(setting(assertion, "token"), properties)), what + response.body());
                case "XPath Match" -> assertEquals(expand(setting(assertion, "content"), properties),
                        xpath(document, expand(setting(assertion, "path"), properties)),
                        what + response.body());
                default -> fail(what + "type " + assertion.getAttribute("type") + " is not replayed");
            }
        }
        return document;
    }

    private static void transfer(Element config, Map<String, Document> responses, Map<String, String> properties)
            throws Exception {
        for (Element transfer : children(config, "transfers")) {
            assertEquals("Response", text(child(transfer, "sourceType")));
            assertEquals("#TestCase#", text(child(transfer, "targetStep")));
            Document source = responses.get(text(child(transfer, "sourceStep")));
            String value = xpath(source, expand(text(child(transfer, "sourcePath")), properties));
            assertTrue(!value.isEmpty(), "transfer " + text(child(transfer, "name")) + " found nothing");
            properties.put(text(child(transfer, "targetType")), value);
        }
    }

    private static String expand(String text, Map<String, String> testCase) {
        Matcher m = EXPANSION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Map<String, String> scope = m.group(1).equals("Project") ? projectProperties : testCase;
            String value = scope.get(m.group(2));
            if (value == null) {
                fail("No property " + m.group(0));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    /** Evaluates a SoapUI XPath with its "declare namespace" prolog; the result as a string. */
    private static String xpath(Document document, String expression) throws Exception {
        Map<String, String> namespaces = new HashMap<>();
        Matcher m = DECLARE.matcher(expression);
        int end = 0;
        while (m.find()) {
            namespaces.put(m.group(1), m.group(2));
            end = m.end();
        }
        XPath xpath = Xml.xpath(namespaces);
        String value = (String) xpath.evaluate(expression.substring(end).trim(), document, XPathConstants.STRING);
        return value.endsWith(".0") && value.matches("\\d+\\.0") ? value.substring(0, value.length() - 2) : value;
    }

    private static List<Element> children(Element parent, String... path) {
        List<Element> current = List.of(parent);
        for (String name : path) {
            List<Element> next = new ArrayList<>();
            for (Element element : current) {
                NodeList nodes = element.getChildNodes();
                for (int i = 0; i < nodes.getLength(); i++) {
                    if (nodes.item(i) instanceof Element e && CON.equals(e.getNamespaceURI())
                            && name.equals(e.getLocalName())) {
                        next.add(e);
                    }
                }
            }
            current = next;
        }
        return current;
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        if (found.isEmpty()) {
            fail("<" + parent.getLocalName() + "> has no <" + name + ">");
        }
        return found.get(0);
    }

    /** An assertion's setting: an unqualified child of its con:configuration, as SoapUI writes it. */
    private static String setting(Element assertion, String name) {
        NodeList nodes = child(assertion, "configuration").getElementsByTagNameNS("", name);
        if (nodes.getLength() == 0) {
            fail("assertion '" + assertion.getAttribute("name") + "' has no <" + name + ">");
        }
        return nodes.item(0).getTextContent();
    }

    private static String text(Element element) {
        return element.getTextContent();
    }
}
