package org.invitations.ws;

import static org.invitations.support.soapui.Assertions.NOT_SOAP_FAULT;
import static org.invitations.support.soapui.Assertions.SOAP_FAULT;
import static org.invitations.support.soapui.Assertions.XPATH_MATCH;
import static org.invitations.support.soapui.ProjectXml.CON;
import static org.invitations.support.soapui.ProjectXml.child;
import static org.invitations.support.soapui.ProjectXml.children;
import static org.invitations.support.soapui.ProjectXml.elements;
import static org.invitations.support.soapui.ProjectXml.setting;
import static org.invitations.support.soapui.ProjectXml.text;
import static org.invitations.support.soapui.SoapUiProject.joinRelativeUrl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.invitations.app.InvitationsServer;
import org.invitations.support.TestServer;
import org.invitations.support.Xml;
import org.invitations.support.soapui.Assertions;
import org.invitations.support.soapui.SoapUiProject;
import org.invitations.support.soapui.Wsdl;
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
 * Replays {@code soapui/invitations-soapui-project.xml} against the real server the way SoapUI 5.x runs
 * it, so that a green replay means a green SoapUI run (the replay and the SoapUI source each of its rules
 * comes from: {@link org.invitations.support.soapui}), and checks that the project stays in step with the
 * WSDL: every operation used, every expected fault declared, the definition cache equal to wsdl/.
 */
class SoapUiProjectReplayTest {

    private static final Path PROJECT = Path.of("soapui", "invitations-soapui-project.xml");
    private static final Path WSDL = Path.of("wsdl", "invitations.wsdl");
    private static final Path XSD = Path.of("wsdl", "invitations.xsd");
    private static final String XSD_NS = "http://www.w3.org/2001/XMLSchema";

    /**
     * Fault codes every operation can answer with although no operation declares them: Client for a
     * request the XSD refuses (and, beside a detail, for every declared fault), FailedAuthentication for a
     * refused WS-Security UsernameToken (docs/api.md, "Faults").
     */
    static final Set<String> SOAP_LEVEL_FAULT_CODES = Set.of("Client", "FailedAuthentication");

    /** A check of a fault's detail element, as the project writes it: //soap:Fault/detail/inv:NameFault. */
    private static final Pattern FAULT_DETAIL = Pattern.compile("Fault/detail/inv:(\\w+)");

    @TempDir
    static Path data;
    static InvitationsServer server;
    static SoapUiProject project;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(data);
        // What testrunner.sh -Pendpoint=... does: the project property names the server under test.
        project = SoapUiProject.load(PROJECT, Map.of("endpoint", server.address()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @TestFactory
    List<DynamicTest> everyTestCaseOfTheProjectPasses() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Element testCase : project.testCases()) {
            tests.add(DynamicTest.dynamicTest(testCase.getAttribute("name"), () -> project.run(testCase)));
        }
        assertTrue(tests.size() >= 5, "the project has its test cases");
        return tests;
    }

    /** A harness reruns the suite many times against one database: twice in a row must stay green. */
    @Test
    void theWholeSuiteRunsGreenTwiceAgainstOneDatabase() throws Exception {
        for (int round = 1; round <= 2; round++) {
            for (Element testCase : project.testCases()) {
                try {
                    project.run(testCase);
                } catch (AssertionError e) {
                    throw new AssertionError("round " + round + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** No test case needs another one to have run first: backwards, after all the other runs, still green. */
    @Test
    void everyTestCaseStandsOnItsOwn() throws Exception {
        List<Element> backwards = new ArrayList<>(project.testCases());
        Collections.reverse(backwards);
        for (Element testCase : backwards) {
            project.run(testCase);
        }
    }

    /** TestAssertionRegistry.buildAssertion logs "Missing assertion for type" and drops any other id. */
    @Test
    void everyAssertionTypeIsOneSoapUiRegisters() {
        NodeList assertions = project.document().getElementsByTagNameNS(CON, "assertion");
        assertTrue(assertions.getLength() > 0, "the project has assertions");
        Set<String> unknown = new TreeSet<>();
        for (int i = 0; i < assertions.getLength(); i++) {
            String type = ((Element) assertions.item(i)).getAttribute("type");
            if (!Assertions.REGISTERED.containsKey(type)) {
                unknown.add(type);
            }
        }
        assertEquals(Set.of(), unknown, "assertion type ids SoapUI does not register");
    }

    /**
     * Each request step says whether it expects a fault, with exactly one of the two fault assertions; an
     * expected fault is named, either by its detail element, which the operation must declare in the
     * WSDL, or by a fault code the SOAP stack raises for every operation; a success step checks no fault.
     */
    @Test
    void everyRequestStepExpectsWhatItsOperationDeclares() throws Exception {
        Map<String, Set<String>> declared = Wsdl.declaredFaults(WSDL);
        List<String> problems = new ArrayList<>();
        int faultSteps = 0;
        for (Element testCase : project.testCases()) {
            for (Element step : children(testCase, "testStep")) {
                if (!"request".equals(step.getAttribute("type"))) {
                    continue;
                }
                String where = "'" + testCase.getAttribute("name") + "', step '" + step.getAttribute("name") + "': ";
                Element config = child(step, "config");
                String operation = text(child(config, "operation"));
                List<Element> assertions = children(child(config, "request"), "assertion");
                Set<String> types = new TreeSet<>();
                for (Element assertion : assertions) {
                    types.add(assertion.getAttribute("type"));
                }
                boolean expectsSuccess = types.contains(NOT_SOAP_FAULT);
                boolean expectsFault = types.contains(SOAP_FAULT);
                if (expectsSuccess == expectsFault) {
                    problems.add(where + (expectsFault ? "expects a fault and no fault"
                            : "says neither \"" + NOT_SOAP_FAULT + "\" (no fault) nor \"" + SOAP_FAULT
                                    + "\" (a fault)"));
                    continue;
                }
                Set<String> details = new TreeSet<>();
                Set<String> faultCodes = new TreeSet<>();
                for (Element assertion : assertions) {
                    if (!XPATH_MATCH.equals(assertion.getAttribute("type"))) {
                        continue;
                    }
                    String path = String.valueOf(setting(assertion, "path"));
                    Matcher m = FAULT_DETAIL.matcher(path);
                    while (m.find()) {
                        details.add(m.group(1));
                    }
                    if (path.contains("faultcode")) {
                        faultCodes.add(String.valueOf(setting(assertion, "content")));
                    }
                }
                if (expectsSuccess) {
                    if (!details.isEmpty() || !faultCodes.isEmpty()) {
                        problems.add(where + "expects no fault but checks " + details + " " + faultCodes);
                    }
                    continue;
                }
                faultSteps++;
                Set<String> allowed = declared.get(operation);
                if (allowed == null) {
                    problems.add(where + operation + " is not an operation of the WSDL");
                    continue;
                }
                if (details.isEmpty() && faultCodes.isEmpty()) {
                    problems.add(where + "expects a fault but checks neither its detail nor its fault code");
                }
                for (String detail : details) {
                    if (!allowed.contains(detail)) {
                        problems.add(where + operation + " does not declare " + detail + "; it declares " + allowed);
                    }
                }
                for (String code : faultCodes) {
                    if (!SOAP_LEVEL_FAULT_CODES.contains(code)) {
                        problems.add(where + "fault code " + code + " is not one of " + SOAP_LEVEL_FAULT_CODES);
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(faultSteps >= 5, "the project checks the faults");
    }

    /**
     * The project opens with no network and from any folder. AbstractDefinitionContext loads the
     * interface from its definition cache whenever AbstractDefinitionCache.validate() holds (a root part
     * and at least one part), and InterfaceCacheDefinitionLoader finds each import by the URL
     * Tools.joinRelativeUrl makes of the importing part's URL and the schemaLocation. The cache must hold
     * wsdl/ exactly as it is, so it cannot drift from the contract.
     */
    @Test
    void theProjectOpensOfflineFromItsDefinitionCache() throws Exception {
        Element iface = child(project.document().getDocumentElement(), "interface");
        String definition = iface.getAttribute("definition");
        assertEquals("${#Project#endpoint}?wsdl", definition, "the interface's definition follows the endpoint");
        Element cache = child(iface, "definitionCache");
        assertEquals(definition, cache.getAttribute("rootPart"), "the cache's root part is the definition");
        Map<String, Element> parts = new LinkedHashMap<>();
        for (Element part : children(cache, "part")) {
            parts.put(text(child(part, "url")), part);
        }
        assertCachedPart(parts, definition, WSDL, Wsdl.NS);
        assertCachedPart(parts, joinRelativeUrl(definition, "invitations.xsd"), XSD, XSD_NS);
        assertEquals(2, parts.size(), "the cache holds the WSDL and the XSD: " + parts.keySet());
        for (Map.Entry<String, Element> part : parts.entrySet()) {
            Document content = Xml.parse(text(child(part.getValue(), "content")));
            List<String> locations = new ArrayList<>();
            for (String name : List.of("import", "include")) {
                for (Element e : elements(content, XSD_NS, name)) {
                    locations.add(e.getAttribute("schemaLocation"));
                }
            }
            for (Element e : elements(content, Wsdl.NS, "import")) {
                locations.add(e.getAttribute("location"));
            }
            for (String location : locations) {
                if (!location.isEmpty()) {
                    String url = joinRelativeUrl(part.getKey(), location);
                    assertTrue(parts.containsKey(url), part.getKey() + " imports " + location + ", cached as " + url);
                }
            }
        }
        NodeList endpoints = project.document().getElementsByTagNameNS(CON, "endpoint");
        assertTrue(endpoints.getLength() > 1, "the project has endpoints");
        for (int i = 0; i < endpoints.getLength(); i++) {
            assertEquals("${#Project#endpoint}", endpoints.item(i).getTextContent(),
                    "every endpoint follows the project property");
        }
    }

    private static void assertCachedPart(Map<String, Element> parts, String url, Path file, String type)
            throws Exception {
        Element part = parts.get(url);
        assertTrue(part != null, "the definition cache has a part for " + url + "; it has " + parts.keySet());
        assertEquals(Files.readString(file), text(child(part, "content")),
                "the cached " + url + " is " + file + " as it is; run python3 soapui/refresh-definition-cache.py");
        assertEquals(type, text(child(part, "type")));
    }

    @Test
    void projectUsesEveryOperationOfTheWsdl() throws Exception {
        Document wsdl = Xml.parse(WSDL);
        TreeSet<String> declared = new TreeSet<>();
        for (Element op : elements(wsdl, Wsdl.NS, "operation")) {
            if ("portType".equals(op.getParentNode().getLocalName())) {
                declared.add(op.getAttribute("name"));
            }
        }
        TreeSet<String> used = new TreeSet<>();
        for (Element step : elements(project.document(), CON, "testStep")) {
            if ("request".equals(step.getAttribute("type"))) {
                used.add(text(child(child(step, "config"), "operation")));
            }
        }
        assertEquals(declared, used);
        assertEquals(declared, new TreeSet<>(project.soapActions().keySet()), "the interface lists every operation");
    }
}
