package org.invitations.support.soapui;

import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * PropertyExpander.expand, ported, for ${#Project#name}, ${#TestCase#name} and ${=groovy}
 * (EvalPropertyResolver): nested expansions innermost first, "$${" stays literal, and a property's value
 * is expanded again on every use.
 */
final class PropertyExpander {

    /**
     * The Groovy expressions of the ${=...} expansions the project uses (EvalPropertyResolver), with what
     * they evaluate to; any other expression is not replayed.
     */
    static final Map<String, Supplier<String>> GROOVY = Map.of(
            "java.util.UUID.randomUUID().toString().replace('-', '')",
            () -> UUID.randomUUID().toString().replace("-", ""));

    private final Map<String, String> projectProperties;
    private final Map<String, String> testCaseProperties;
    private final String testCase;

    PropertyExpander(Map<String, String> projectProperties, Map<String, String> testCaseProperties, String testCase) {
        this.projectProperties = projectProperties;
        this.testCaseProperties = testCaseProperties;
        this.testCase = testCase;
    }

    String expand(String content) {
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
            return valueOf(testCaseProperties, name.substring("#TestCase#".length()), name);
        }
        throw new NotReplayed("the expansion ${" + name + "}");
    }

    private String valueOf(Map<String, String> scope, String property, String expansion) {
        String value = scope.get(property);
        if (value == null) {
            throw new StepFailed("${" + expansion + "} has no value in test case '" + testCase
                    + "' (SoapUI would send an empty string)");
        }
        return value;
    }
}
