package org.invitations.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.xml.xpath.XPathConstants;
import org.w3c.dom.Document;

/**
 * A second, independent SOAP client: envelopes written by hand, sent with the JDK's HTTP client,
 * answers read with XPath. Nothing of CXF or JAXB is on this path.
 */
public final class RawSoap {

    public static final String WSSE =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    private static final Map<String, String> NAMESPACES = Map.of(
            "soap", Xml.SOAP,
            "inv", "urn:invitations:v1",
            "wsdl", "http://schemas.xmlsoap.org/wsdl/",
            "xs", "http://www.w3.org/2001/XMLSchema");

    private final HttpClient http = HttpClient.newHttpClient();
    private final String address;

    public RawSoap(String address) {
        this.address = address;
    }

    public record Reply(int status, String body, Document document) {

        public String xpath(String expression) throws Exception {
            return RawSoap.xpath(document, expression);
        }
    }

    public static String envelope(String username, String password, String body) {
        String header = username == null ? "" : """
                <soapenv:Header>
                  <wsse:Security soapenv:mustUnderstand="1" xmlns:wsse="%s">
                    <wsse:UsernameToken>
                      <wsse:Username>%s</wsse:Username>
                      <wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">%s</wsse:Password>
                    </wsse:UsernameToken>
                  </wsse:Security>
                </soapenv:Header>""".formatted(WSSE, username, password);
        return """
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:inv="urn:invitations:v1">
                %s
                <soapenv:Body>%s</soapenv:Body>
                </soapenv:Envelope>""".formatted(header, body);
    }

    public Reply call(String username, String password, String body) throws Exception {
        return post(envelope(username, password, body), "text/xml; charset=UTF-8");
    }

    public Reply post(String payload, String contentType) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(address))
                        .header("Content-Type", contentType)
                        .header("SOAPAction", "\"\"")
                        .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        Document document = response.body().startsWith("<") && response.body().length() < 1_000_000
                ? Xml.parse(response.body()) : null;
        return new Reply(response.statusCode(), response.body(), document);
    }

    public Reply get(String query) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(address + query)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(response.statusCode(), response.body(), Xml.parse(response.body()));
    }

    public static String xpath(Document document, String expression) throws Exception {
        return (String) Xml.xpath(NAMESPACES).evaluate(expression, document, XPathConstants.STRING);
    }
}
