package org.invitations.support.soapui;

import static org.invitations.support.soapui.ProjectXml.child;
import static org.invitations.support.soapui.ProjectXml.children;
import static org.invitations.support.soapui.ProjectXml.flag;
import static org.invitations.support.soapui.ProjectXml.optionalText;
import static org.invitations.support.soapui.ProjectXml.text;

import java.util.Map;
import org.invitations.support.Xml;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A property transfer step: PropertyTransfersTestStep.run, PropertyTransfer.transferProperties,
 * readSourceValue and writeTargetValue without a target path.
 */
final class PropertyTransfers {

    private final Map<String, String> properties;
    private final Map<String, String> responses;
    private final PropertyExpander expander;

    /**
     * @param properties the test case's properties, written to
     * @param responses the last response of each request step of this run, by step name
     */
    PropertyTransfers(Map<String, String> properties, Map<String, String> responses, PropertyExpander expander) {
        this.properties = properties;
        this.responses = responses;
        this.expander = expander;
    }

    /** PropertyTransfersTestStep.run: the transfers in order; a failing one with failOnError fails the step. */
    void run(Element step) throws Exception {
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
            String expandedPath = expander.expand(sourcePath);
            XPaths.Result result = XPaths.evaluate(Xml.parse(response), expandedPath);
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
                    value = flag(transfer, "transferTextContent", true) ? XPaths.nodeValue(first) : null;
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
}
