/**
 * A replay of a SoapUI 5.x project file against the real server, so that a green replay means a green
 * SoapUI run. Every rule is taken from SoapUI's own source (github.com/SmartBear/soapui, module soapui,
 * under src/main/java/com/eviware/soapui/):
 * <ul>
 * <li>Assertion type ids ({@link org.invitations.support.soapui.Assertions}):
 * impl/wsdl/teststeps/assertions/TestAssertionRegistry.java registers each assertion class under its ID
 * constant. Counter-intuitively NotSoapFaultAssertion.ID is "SOAP Fault Assertion" and
 * SoapFaultAssertion.ID is "Not SOAP Fault Assertion" (assertions/soap/); the tutorial project
 * soapui-installer/src/dist/Tutorials/Sample-SOAP-Project-soapui-project.xml puts "SOAP Fault Assertion"
 * on its successful login.</li>
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
 * <li>Property transfers ({@code PropertyTransfers}): impl/wsdl/teststeps/PropertyTransfer.transferProperties
 * and readSourceValue (the first match; an element gives its first text child; no match fails unless
 * setNullOnMissingSource or ignoreEmpty; a target property the test case does not have fails) and
 * impl/wsdl/teststeps/PropertyTransfersTestStep.run (a failing transfer fails the step when its
 * failOnError is set).</li>
 * <li>Property expansion ({@code PropertyExpander}): model/propertyexpansion/PropertyExpander.expand, for
 * ${#Project#name}, ${#TestCase#name} and ${=groovy} (EvalPropertyResolver): nested expansions innermost
 * first, "$${" stays literal, and a property's value is expanded again on every use, so a ${=...} stored
 * in a property would give a new value each time. That is why the project writes its one unique value,
 * the new username, straight into the request and takes it back from the response.</li>
 * <li>Test case flow ({@code TestCaseRun}): impl/wsdl/support/AbstractTestCaseRunner.runTestStep and
 * impl/wsdl/testcase/WsdlTestCaseRunner. A step fails when any of its assertions fails; with the test
 * case's failOnError a failed step cancels the test case, without it the run goes on and
 * failTestCaseOnErrors fails it at the end; disabled steps and assertions are skipped.</li>
 * </ul>
 * Anything else the file could contain (other step or assertion types, wildcards, XQuery, XML content
 * comparison, target paths, Groovy other than the expressions the expander knows) is refused as
 * {@link org.invitations.support.soapui.NotReplayed}, so the file cannot outgrow its check. Where the
 * replay is stricter than SoapUI (an unset property expands to "" in SoapUI and fails here) a green replay
 * still means a green SoapUI run.
 */
package org.invitations.support.soapui;
