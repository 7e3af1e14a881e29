package org.invitations.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpression;
import javax.xml.xpath.XPathExpressionException;
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
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Replays {@code soapui/invitations-soapui-project.xml} against the real server the way SoapUI 5.x runs
 * it, so that a green replay means a green SoapUI run. Every rule is taken from SoapUI's own source
 * (github.com/SmartBear/soapui, module soapui, under src/main/java/com/eviware/soapui/):
 * <ul>
 * <li>Assertion type ids: impl/wsdl/teststeps/assertions/TestAssertionRegistry.java registers each
 * assertion class under its ID constant. Counter-intuitively NotSoapFaultAssertion.ID is
 * "SOAP Fault Assertion" and SoapFaultAssertion.ID is "Not SOAP Fault Assertion" (assertions/soap/); the
 * tutorial project soapui-installer/src/dist/Tutorials/Sample-SOAP-Project-soapui-project.xml puts
 * "SOAP Fault Assertion" on its successful login.</li>
 * <li>Fault or not: impl/wsdl/support/soap/SoapUtils.isSoapFault, a Fault element in the SOAP 1.1
 * envelope namespace anywhere in the answer.</li>
 * <li>"SOAP Response": assertions/soap/SoapResponseAssertion, which asks
 * impl/wsdl/support/wsdl/WsdlValidator.assertResponse(exchange, envelopeOnly = true) for a non-empty SOAP
 * envelope.</li>
 * <li>"XPath Match": assertions/basic/XPathContainsAssertion.assertContent. Path and expected content are
 * property-expanded; no selected node fails; an element compares its first text child
 * (support/xml/XmlUtils.getElementText), an attribute its value, an atomic result (count(), boolean(),
 * string functions) its string value; when the path selects several nodes, ANY node that matches
 * passes.</li>
 * <li>"Simple Contains" and "Simple NotContains": assertions/basic/SimpleContainsAssertion and
 * SimpleNotContainsAssertion. The token is expanded, CRLF becomes LF in token and answer, an empty token
 * passes, ignoreCase compares upper-cased, useRegEx means String.matches against the WHOLE answer.</li>
 * <li>Property transfers: impl/wsdl/teststeps/PropertyTransfer.transferProperties and readSourceValue
 * (the first match; an element gives its first text child; no match fails unless setNullOnMissingSource
 * or ignoreEmpty; a target property the test case does not have fails) and
 * impl/wsdl/teststeps/PropertyTransfersTestStep.run (a failing transfer fails the step when its
 * failOnError is set).</li>
 * <li>Property expansion: model/propertyexpansion/PropertyExpander.expand, for ${#Project#name},
 * ${#TestCase#name} and ${=groovy} (EvalPropertyResolver): nested expansions innermost first, "$${" stays
 * literal, and a property's value is expanded again on every use, so a ${=...} stored in a property
 * would give a new value each time. That is why the project writes its one unique value, the new
 * username, straight into the request and takes it back from the response.</li>
 * <li>Test case flow: impl/wsdl/support/AbstractTestCaseRunner.runTestStep and
 * impl/wsdl/testcase/WsdlTestCaseRunner. A step fails when any of its assertions fails; with the test
 * case's failOnError a failed step cancels the test case, without it the run goes on and
 * failTestCaseOnErrors fails it at the end; disabled steps and assertions are skipped.</li>
 * </ul>
 * Anything else the file could contain (other step or assertion types, wildcards, XQuery, XML content
 * comparison, target paths, Groovy other than the expressions in {@link #GROOVY}) is refused as
 * {@link NotReplayed}, so the file cannot outgrow its check. Where the replay is stricter than SoapUI (an
 * unset property expands to "" in SoapUI and fails here) a green replay still means a green SoapUI run.
 */
class SoapUiProjectReplayTest {

    private static final Path PROJECT = Path.of("soapui", "invitations-soapui-project.xml");
    private static final Path WSDL = Path.of("wsdl", "invitations.wsdl");
    private static final Path XSD = Path.of("wsdl", "invitations.xsd");
    private static final String CON = "http://eviware.com/soapui/config";
    private static final String WSDL_NS = "http://schemas.xmlsoap.org/wsdl/";
    private static final String XSD_NS = "http://www.w3.org/2001/XMLSchema";

    /** NotSoapFaultAssertion.ID: passes only when the answer is NOT a SOAP fault. */
    static final String NOT_SOAP_FAULT = "SOAP Fault Assertion";
    /** SoapFaultAssertion.ID: passes only when the answer IS a SOAP fault. */
    static final String SOAP_FAULT = "Not SOAP Fault Assertion";
    /** SoapResponseAssertion.ID. */
    static final String SOAP_RESPONSE = "SOAP Response";
    /** XPathContainsAssertion.ID. */
    static final String XPATH_MATCH = "XPath Match";
    /** SimpleContainsAssertion.ID. */
    static final String CONTAINS = "Simple Contains";
    /** SimpleNotContainsAssertion.ID. */
    static final String NOT_CONTAINS = "Simple NotContains";

    /**
     * Every assertion type id the constructor of TestAssertionRegistry registers, with the class it builds
     * (read from each class's ID constant). Its "MessageContentAssertion" is only a placeholder for a
     * ReadyAPI assertion and is left out: SoapUI cannot run it.
     */
    static final Map<String, String> REGISTERED_ASSERTIONS = Map.ofEntries(
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

    /**
     * Fault codes every operation can answer with although no operation declares them: Client for a
     * request the XSD refuses (and, beside a detail, for every declared fault), FailedAuthentication for a
     * refused WS-Security UsernameToken (docs/api.md, "Faults").
     */
    static final Set<String> SOAP_LEVEL_FAULT_CODES = Set.of("Client", "FailedAuthentication");

    /**
     * The Groovy expressions of the ${=...} expansions the project uses (EvalPropertyResolver), with what
     * they evaluate to; any other expression is not replayed.
     */
    static final Map<String, Supplier<String>> GROOVY = Map.of(
            "java.util.UUID.randomUUID().toString().replace('-', '')",
            () -> UUID.randomUUID().toString().replace("-", ""));

    /** XmlBeans' namespace prolog of a SoapUI XPath: declare namespace p='uri'; */
    private static final Pattern DECLARE =
            Pattern.compile("declare\\s+namespace\\s+([\\w.-]+)\\s*=\\s*(['\"])(.*?)\\2\\s*;");
    /** A check of a fault's detail element, as the project writes it: //soap:Fault/detail/inv:NameFault. */
    private static final Pattern FAULT_DETAIL = Pattern.compile("Fault/detail/inv:(\\w+)");

    @TempDir
    static Path data;
    static InvitationsServer server;
    static Document project;
    static final Map<String, String> soapActions = new HashMap<>();
    static final Map<String, String> projectProperties = new HashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(data);
        project = Xml.parse(PROJECT);
        for (Element op : children(project.getDocumentElement(), "interface", "operation")) {
            soapActions.put(op.getAttribute("name"), op.getAttribute("action"));
        }
        for (Element property : children(project.getDocumentElement(), "properties", "property")) {
            projectProperties.put(text(child(property, "name")), optionalText(property, "value"));
        }
        // What testrunner.sh -Pendpoint=... does: the project property names the server under test.
        projectProperties.put("endpoint", server.address());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @TestFactory
    List<DynamicTest> everyTestCaseOfTheProjectPasses() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Element testCase : testCases()) {
            tests.add(DynamicTest.dynamicTest(testCase.getAttribute("name"), () -> new TestCaseRun(testCase).run()));
        }
        assertTrue(tests.size() >= 5, "the project has its test cases");
        return tests;
    }

    /** A harness reruns the suite many times against one database: twice in a row must stay green. */
    @Test
    void theWholeSuiteRunsGreenTwiceAgainstOneDatabase() throws Exception {
        for (int round = 1; round <= 2; round++) {
            for (Element testCase : testCases()) {
                try {
                    new TestCaseRun(testCase).run();
                } catch (AssertionError e) {
                    throw new AssertionError("round " + round + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** No test case needs another one to have run first: backwards, after all the other runs, still green. */
    @Test
    void everyTestCaseStandsOnItsOwn() throws Exception {
        List<Element> backwards = new ArrayList<>(testCases());
        Collections.reverse(backwards);
        for (Element testCase : backwards) {
            new TestCaseRun(testCase).run();
        }
    }

    /** TestAssertionRegistry.buildAssertion logs "Missing assertion for type" and drops any other id. */
    @Test
    void everyAssertionTypeIsOneSoapUiRegisters() {
        NodeList assertions = project.getElementsByTagNameNS(CON, "assertion");
        assertTrue(assertions.getLength() > 0, "the project has assertions");
        Set<String> unknown = new TreeSet<>();
        for (int i = 0; i < assertions.getLength(); i++) {
            String type = ((Element) assertions.item(i)).getAttribute("type");
            if (!REGISTERED_ASSERTIONS.containsKey(type)) {
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
        Map<String, Set<String>> declared = declaredFaults();
        List<String> problems = new ArrayList<>();
        int faultSteps = 0;
        for (Element testCase : testCases()) {
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
        Element iface = child(project.getDocumentElement(), "interface");
        String definition = iface.getAttribute("definition");
        assertEquals("${#Project#endpoint}?wsdl", definition, "the interface's definition follows the endpoint");
        Element cache = child(iface, "definitionCache");
        assertEquals(definition, cache.getAttribute("rootPart"), "the cache's root part is the definition");
        Map<String, Element> parts = new LinkedHashMap<>();
        for (Element part : children(cache, "part")) {
            parts.put(text(child(part, "url")), part);
        }
        assertCachedPart(parts, definition, WSDL, WSDL_NS);
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
            for (Element e : elements(content, WSDL_NS, "import")) {
                locations.add(e.getAttribute("location"));
            }
            for (String location : locations) {
                if (!location.isEmpty()) {
                    String url = joinRelativeUrl(part.getKey(), location);
                    assertTrue(parts.containsKey(url), part.getKey() + " imports " + location + ", cached as " + url);
                }
            }
        }
        NodeList endpoints = project.getElementsByTagNameNS(CON, "endpoint");
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
        for (Element op : elements(wsdl, WSDL_NS, "operation")) {
            if ("portType".equals(op.getParentNode().getLocalName())) {
                declared.add(op.getAttribute("name"));
            }
        }
        TreeSet<String> used = new TreeSet<>();
        for (Element step : elements(project, CON, "testStep")) {
            if ("request".equals(step.getAttribute("type"))) {
                used.add(text(child(child(step, "config"), "operation")));
            }
        }
        assertEquals(declared, used);
        assertEquals(declared, new TreeSet<>(soapActions.keySet()), "the interface lists every operation");
    }

    /** One run of one test case, as WsdlTestCaseRunner makes it: a fresh context, the steps in order. */
    private final class TestCaseRun {
        private final Element testCase;
        private final String name;
        /** The test case's own properties; null until something sets them. */
        private final Map<String, String> properties = new LinkedHashMap<>();
        /** The last response of each request step of this run. */
        private final Map<String, String> responses = new HashMap<>();

        TestCaseRun(Element testCase) {
            this.testCase = testCase;
            this.name = testCase.getAttribute("name");
            for (Element property : children(testCase, "properties", "property")) {
                String value = optionalText(property, "value");
                properties.put(text(child(property, "name")), value.isEmpty() ? null : value);
            }
        }

        void run() throws Exception {
            boolean failOnError = flag(testCase, "failOnError", true);
            boolean failTestCaseOnErrors = flag(testCase, "failTestCaseOnErrors", true);
            List<String> failed = new ArrayList<>();
            for (Element step : children(testCase, "testStep")) {
                if (flag(step, "disabled", false)) {
                    continue;
                }
                try {
                    switch (step.getAttribute("type")) {
                        case "request" -> request(step);
                        case "transfer" -> transfer(step);
                        default -> throw new NotReplayed("a test step of type " + step.getAttribute("type"));
                    }
                } catch (StepFailed e) {
                    String message = "test case '" + name + "', step '" + step.getAttribute("name") + "': "
                            + e.getMessage();
                    if (failOnError) {
                        fail(message + "\n(failOnError: SoapUI cancels the test case at this step)");
                    }
                    failed.add(message);
                }
            }
            if (!failed.isEmpty() && failTestCaseOnErrors) {
                fail(String.join("\n", failed));
            }
        }

        /** WsdlTestRequestStep: send the expanded request to the expanded endpoint, then every assertion. */
        private void request(Element step) throws Exception {
            Element config = child(step, "config");
            String operation = text(child(config, "operation"));
            String action = soapActions.get(operation);
            if (action == null) {
                throw new StepFailed("the interface has no operation " + operation);
            }
            Element request = child(config, "request");
            String endpoint = expand(text(child(request, "endpoint")));
            String body = expand(text(child(request, "request")));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(endpoint))
                            .header("Content-Type", "text/xml;charset=UTF-8")
                            .header("SOAPAction", "\"" + action + "\"")
                            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String content = response.body();
            responses.put(step.getAttribute("name"), content);
            List<String> failed = new ArrayList<>();
            for (Element assertion : children(request, "assertion")) {
                if (flag(assertion, "disabled", false)) {
                    continue;
                }
                String problem;
                try {
                    problem = check(assertion, content);
                } catch (NotReplayed e) {
                    throw e;
                } catch (Exception e) {
                    problem = e.toString(); // WsdlMessageAssertion: an exception fails the assertion
                }
                if (problem != null) {
                    failed.add("assertion '" + assertion.getAttribute("name") + "' (" + assertion.getAttribute("type")
                            + "): " + problem);
                }
            }
            if (!failed.isEmpty()) {
                throw new StepFailed(String.join("; ", failed) + "\nresponse: " + content);
            }
        }

        /** One assertion on the answer: null when it passes, else what SoapUI would report. */
        private String check(Element assertion, String content) throws Exception {
            return switch (assertion.getAttribute("type")) {
                case SOAP_RESPONSE -> soapResponse(content);
                case NOT_SOAP_FAULT -> isSoapFault(content) ? "Response is a SOAP Fault" : null;
                case SOAP_FAULT -> isSoapFault(content) ? null : "Response is not a SOAP Fault";
                case XPATH_MATCH -> xpathMatch(assertion, content);
                case CONTAINS -> contains(assertion, content, true);
                case NOT_CONTAINS -> contains(assertion, content, false);
                default -> throw new NotReplayed("the assertion type \"" + assertion.getAttribute("type") + "\" ("
                        + REGISTERED_ASSERTIONS.getOrDefault(assertion.getAttribute("type"), "not a SoapUI id") + ")");
            };
        }

        /** XPathContainsAssertion.assertContent. */
        private String xpathMatch(Element assertion, String content) throws Exception {
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
            String expandedPath = expand(path);
            String expected = expand(expectedContent);
            if (!expandedPath.endsWith("text()") && expected.trim().startsWith("<")) {
                throw new NotReplayed("an XPath Match comparing XML content (XMLUnit)");
            }
            Result result = evaluate(Xml.parse(content), expandedPath);
            if (result.nodes() == null) {
                String actual = expand(result.value());
                return expected.equals(actual) ? null : mismatch(path, expected, actual);
            }
            if (result.nodes().isEmpty()) {
                return "Missing content for xpath [" + path + "] in Response";
            }
            String actual = null;
            for (Node node : result.nodes()) {
                actual = expand(nodeValue(node));
                if (expected.equals(actual)) {
                    return null; // any selected node that matches passes
                }
            }
            return mismatch(path, expected, actual)
                    + (result.nodes().size() > 1 ? " (and " + (result.nodes().size() - 1) + " other nodes)" : "");
        }

        /** SimpleContainsAssertion / SimpleNotContainsAssertion.assertContent. */
        private String contains(Element assertion, String content, boolean present) {
            String token = setting(assertion, "token");
            String replToken = normalize(expand(token == null ? "" : token));
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

        /** PropertyTransfersTestStep.run: the transfers in order; a failing one with failOnError fails the step. */
        private void transfer(Element step) throws Exception {
            for (Element transfer : children(child(step, "config"), "transfers")) {
                if (flag(transfer, "disabled", false)) {
                    continue;
                }
                try {
                    transferOne(transfer);
                } catch (StepFailed e) {
                    if (flag(transfer, "failOnError", true)) {
                        throw new StepFailed("transfer '" + text(child(transfer, "name")) + "': " + e.getMessage());
                    }
                }
            }
        }

        /** PropertyTransfer.transferProperties, readSourceValue and writeTargetValue without a target path. */
        private void transferOne(Element transfer) throws Exception {
            String sourceType = text(child(transfer, "sourceType"));
            String sourceStep = text(child(transfer, "sourceStep")).trim();
            String sourcePath = optionalText(transfer, "sourcePath");
            String targetType = text(child(transfer, "targetType"));
            String targetStep = text(child(transfer, "targetStep")).trim();
            if (!"Response".equals(sourceType)) {
                throw new NotReplayed("a property transfer from " + sourceType);
            }
            if (!"#TestCase#".equals(targetStep) || !optionalText(transfer, "targetPath").isBlank()) {
                throw new NotReplayed("a property transfer to anything but a test case property");
            }
            if (flag(transfer, "useXQuery", false) || sourcePath.trim().startsWith("$")) {
                throw new NotReplayed("a property transfer with XQuery or JsonPath");
            }
            if (!properties.containsKey(targetType)) {
                throw new StepFailed("Missing target property " + targetType + " (the test case does not have it)");
            }
            String response = responses.get(sourceStep);
            if (response == null) {
                throw new StepFailed("Missing source property: step '" + sourceStep + "' has no response in this run");
            }
            // PropertyTransfer.setConfig: an absent setNullOnMissingSource counts as true.
            boolean setNullOnMissingSource = flag(transfer, "setNullOnMissingSource", true);
            boolean ignoreEmpty = flag(transfer, "ignoreEmpty", false);
            String value;
            if (sourcePath.isBlank()) {
                value = response;
            } else {
                String expandedPath = expand(sourcePath);
                Result result = evaluate(Xml.parse(response), expandedPath);
                if (result.nodes() == null) {
                    value = result.value();
                } else if (result.nodes().isEmpty()) {
                    if (!setNullOnMissingSource && !ignoreEmpty) {
                        throw new StepFailed("Missing match for Source XPath [" + expandedPath + "]");
                    }
                    value = null;
                } else {
                    Node first = result.nodes().get(0);
                    if (first.getNodeType() == Node.ELEMENT_NODE) {
                        value = flag(transfer, "transferTextContent", true) ? nodeValue(first) : null;
                        if (value == null) {
                            throw new NotReplayed("a property transfer of an element's XML");
                        }
                    } else {
                        value = first.getNodeValue();
                    }
                }
            }
            if (value != null && !value.isEmpty() && flag(transfer, "entitize", false)) {
                value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                        .replace("\"", "&quot;").replace("'", "&apos;");
            }
            properties.put(targetType, value);
        }

        /** PropertyExpander.expand, ported: nested expansions first, "$${" literal, values expanded again. */
        private String expand(String content) {
            if (content == null || content.isEmpty()) {
                return content;
            }
            int ix = content.indexOf("${");
            if (ix == -1) {
                return content;
            }
            StringBuilder buf = new StringBuilder();
            int lastIx = 0;
            while (ix != -1) {
                if (ix > lastIx && content.charAt(ix - 1) == '$') {
                    buf.append(content, lastIx, ix - 1);
                    lastIx = ix;
                    ix = content.indexOf("${", lastIx + 1);
                    continue;
                }
                if (ix > lastIx) {
                    buf.append(content, lastIx, ix);
                }
                int ix2 = content.indexOf('}', ix + 2);
                if (ix2 == -1) {
                    break;
                }
                int ix3 = content.lastIndexOf("${", ix2);
                if (ix3 != ix) {
                    content = content.substring(0, ix3) + expand(content.substring(ix3, ix2 + 1))
                            + content.substring(ix2 + 1);
                    lastIx = ix;
                    continue;
                }
                String value = resolve(content.substring(ix + 2, ix2));
                if (!content.equals(value)) {
                    value = expand(value);
                }
                buf.append(value);
                lastIx = ix2 + 1;
                ix = content.indexOf("${", lastIx);
            }
            if (lastIx < content.length()) {
                buf.append(content.substring(lastIx));
            }
            return buf.toString();
        }

        /** The property resolvers the project uses: EvalPropertyResolver and ModelItemPropertyResolver. */
        private String resolve(String name) {
            if (name.startsWith("=")) {
                Supplier<String> groovy = GROOVY.get(name.substring(1).trim());
                if (groovy == null) {
                    throw new NotReplayed("the Groovy expansion ${" + name + "}");
                }
                return groovy.get();
            }
            if (name.startsWith("#Project#")) {
                return valueOf(projectProperties, name.substring("#Project#".length()), name);
            }
            if (name.startsWith("#TestCase#")) {
                return valueOf(properties, name.substring("#TestCase#".length()), name);
            }
            throw new NotReplayed("the expansion ${" + name + "}");
        }

        private String valueOf(Map<String, String> scope, String property, String expansion) {
            String value = scope.get(property);
            if (value == null) {
                throw new StepFailed("${" + expansion + "} has no value in test case '" + name
                        + "' (SoapUI would send an empty string)");
            }
            return value;
        }
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

    /** The nodes an XPath selects, or, when it selects none but computes a value, that value. */
    private record Result(List<Node> nodes, String value) {
    }

    /**
     * Evaluates a SoapUI XPath: XmlBeans' "declare namespace p='uri';" prolog, then the expression (kept to
     * what XPath 1.0 here and SoapUI's XPath 2.0 read alike). A node-set gives its nodes; count(),
     * boolean() and string functions give their string value, as XmlBeans hands
     * XPathContainsAssertion a simple value.
     */
    private static Result evaluate(Document document, String expression) throws XPathExpressionException {
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

    private static String mismatch(String path, String expected, String actual) {
        return "XPathContains comparison failed for path [" + path + "], expecting [" + expected
                + "], actual was [" + actual + "]";
    }

    /** The CRLF normalisation of SimpleContainsAssertion. */
    private static String normalize(String s) {
        return s.replace("\r\n", "\n");
    }

    /**
     * Tools.joinRelativeUrl for the forms used here: an absolute URL stays, otherwise the base loses its
     * query and its last path segment (everything, when it has no '/') and the relative URL follows.
     */
    static String joinRelativeUrl(String baseUrl, String url) {
        if (url.indexOf("://") > 0) {
            return url;
        }
        String base = baseUrl.indexOf('?') > 0 ? baseUrl.substring(0, baseUrl.indexOf('?')) : baseUrl;
        String relative = url;
        while (relative.startsWith("./")) {
            relative = relative.substring(2);
        }
        if (relative.startsWith("/") || relative.startsWith("../")) {
            throw new NotReplayed("resolving " + url + " against " + baseUrl);
        }
        return base.substring(0, base.lastIndexOf('/') + 1) + relative;
    }

    /** Per operation of the WSDL's portType, the detail elements (local names) of its declared faults. */
    private static Map<String, Set<String>> declaredFaults() throws Exception {
        Document wsdl = Xml.parse(WSDL);
        Map<String, String> messageElements = new HashMap<>();
        for (Element message : elements(wsdl, WSDL_NS, "message")) {
            for (Element part : childrenNS(message, WSDL_NS, "part")) {
                messageElements.put(message.getAttribute("name"), localPart(part.getAttribute("element")));
            }
        }
        Map<String, Set<String>> faults = new TreeMap<>();
        for (Element operation : elements(wsdl, WSDL_NS, "operation")) {
            if (!"portType".equals(operation.getParentNode().getLocalName())) {
                continue;
            }
            Set<String> names = new TreeSet<>();
            for (Element fault : childrenNS(operation, WSDL_NS, "fault")) {
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

    private static List<Element> testCases() {
        return children(project.getDocumentElement(), "testSuite", "testCase");
    }

    private static List<Element> elements(Document document, String namespace, String localName) {
        NodeList nodes = document.getElementsByTagNameNS(namespace, localName);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    private static List<Element> childrenNS(Element parent, String namespace, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && namespace.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    /** The con: children along a path of names. */
    private static List<Element> children(Element parent, String... path) {
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

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        if (found.isEmpty()) {
            fail("<" + parent.getLocalName() + "> has no <" + name + ">");
        }
        return found.get(0);
    }

    private static String optionalText(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? "" : text(found.get(0));
    }

    /** An assertion's setting: an unqualified child of its con:configuration (XmlObjectConfigurationReader). */
    private static String setting(Element assertion, String name) {
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
    private static boolean setting(Element assertion, String name, boolean absent) {
        String value = setting(assertion, name);
        return value == null ? absent : Boolean.parseBoolean(value.trim());
    }

    /** A boolean attribute of the project file, or the default when it is absent. */
    private static boolean flag(Element element, String attribute, boolean absent) {
        String value = element.getAttribute(attribute);
        return value.isEmpty() ? absent : Boolean.parseBoolean(value);
    }

    private static String text(Element element) {
        return element.getTextContent();
    }

    /** Something the project uses that this replay does not implement: the replay stops, whatever failOnError says. */
    static final class NotReplayed extends RuntimeException {
        NotReplayed(String what) {
            super(what + " is not replayed; implement it with SoapUI's semantics or leave it out of the project");
        }
    }

    /** A failed test step (an assertion, a transfer, an expansion): subject to the test case's failOnError. */
    static final class StepFailed extends RuntimeException {
        StepFailed(String message) {
            super(message);
        }
    }
}
