package org.invitations.support.soapui;

import static org.invitations.support.soapui.ProjectXml.child;
import static org.invitations.support.soapui.ProjectXml.children;
import static org.invitations.support.soapui.ProjectXml.flag;
import static org.invitations.support.soapui.ProjectXml.optionalText;
import static org.invitations.support.soapui.ProjectXml.text;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/** One run of one test case, as WsdlTestCaseRunner makes it: a fresh context, the steps in order. */
final class TestCaseRun {
    private final SoapUiProject project;
    private final HttpClient http;
    private final Element testCase;
    private final String name;
    /** The test case's own properties; null until something sets them. */
    private final Map<String, String> properties = new LinkedHashMap<>();
    /** The last response of each request step of this run. */
    private final Map<String, String> responses = new HashMap<>();
    private final PropertyExpander expander;
    private final PropertyTransfers transfers;

    TestCaseRun(SoapUiProject project, HttpClient http, Element testCase) {
        this.project = project;
        this.http = http;
        this.testCase = testCase;
        this.name = testCase.getAttribute("name");
        for (Element property : children(testCase, "properties", "property")) {
            String value = optionalText(property, "value");
            properties.put(text(child(property, "name")), value.isEmpty() ? null : value);
        }
        this.expander = new PropertyExpander(project.properties(), properties, name);
        this.transfers = new PropertyTransfers(properties, responses, expander);
    }

    /**
     * AbstractTestCaseRunner.runTestStep: a step fails when any of its assertions fails; with failOnError a
     * failed step cancels the test case, without it the run goes on and failTestCaseOnErrors fails it at
     * the end; disabled steps are skipped.
     */
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
                    case "transfer" -> transfers.run(step);
                    default -> throw new NotReplayed("a test step of type " + step.getAttribute("type"));
                }
            } catch (StepFailed e) {
                String message = "test case '" + name + "', step '" + step.getAttribute("name") + "': "
                        + e.getMessage();
                if (failOnError) {
                    throw new AssertionError(message + "\n(failOnError: SoapUI cancels the test case at this step)");
                }
                failed.add(message);
            }
        }
        if (!failed.isEmpty() && failTestCaseOnErrors) {
            throw new AssertionError(String.join("\n", failed));
        }
    }

    /** WsdlTestRequestStep: send the expanded request to the expanded endpoint, then every assertion. */
    private void request(Element step) throws Exception {
        Element config = child(step, "config");
        String operation = text(child(config, "operation"));
        String action = project.soapActions().get(operation);
        if (action == null) {
            throw new StepFailed("the interface has no operation " + operation);
        }
        Element request = child(config, "request");
        String endpoint = expander.expand(text(child(request, "endpoint")));
        String body = expander.expand(text(child(request, "request")));
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
                problem = Assertions.check(assertion, content, expander);
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
}
