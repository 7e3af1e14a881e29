package org.invitations.support.soapui;

import static org.invitations.support.soapui.ProjectXml.child;
import static org.invitations.support.soapui.ProjectXml.children;
import static org.invitations.support.soapui.ProjectXml.optionalText;
import static org.invitations.support.soapui.ProjectXml.text;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.invitations.support.Xml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** A SoapUI project file, read once, whose test cases replay against a server (see package-info). */
public final class SoapUiProject {

    private final Document document;
    private final Map<String, String> soapActions = new HashMap<>();
    private final Map<String, String> properties = new HashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();

    private SoapUiProject(Document document, Map<String, String> overrides) {
        this.document = document;
        for (Element op : children(document.getDocumentElement(), "interface", "operation")) {
            soapActions.put(op.getAttribute("name"), op.getAttribute("action"));
        }
        for (Element property : children(document.getDocumentElement(), "properties", "property")) {
            properties.put(text(child(property, "name")), optionalText(property, "value"));
        }
        properties.putAll(overrides);
    }

    /**
     * Reads the project; each override sets a project property, as testrunner.sh -Pname=value does
     * (-Pendpoint=... names the server under test).
     */
    public static SoapUiProject load(Path file, Map<String, String> overrides) throws Exception {
        return new SoapUiProject(Xml.parse(file), overrides);
    }

    public Document document() {
        return document;
    }

    /** The SOAPAction of each operation of the project's interface, by operation name. */
    public Map<String, String> soapActions() {
        return Collections.unmodifiableMap(soapActions);
    }

    Map<String, String> properties() {
        return properties;
    }

    /** The test cases of every test suite, in the file's order. */
    public List<Element> testCases() {
        return children(document.getDocumentElement(), "testSuite", "testCase");
    }

    /** Runs one test case as SoapUI would; an AssertionError says which step failed and why. */
    public void run(Element testCase) throws Exception {
        new TestCaseRun(this, http, testCase).run();
    }

    /**
     * Tools.joinRelativeUrl for the forms used here: an absolute URL stays, otherwise the base loses its
     * query and its last path segment (everything, when it has no '/') and the relative URL follows.
     */
    public static String joinRelativeUrl(String baseUrl, String url) {
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
}
