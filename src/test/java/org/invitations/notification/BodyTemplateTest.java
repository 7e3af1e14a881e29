package org.invitations.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BodyTemplateTest {

    @Test
    void escapingFollowsTheContentType() {
        assertEquals(BodyTemplate.Escaping.JSON, BodyTemplate.escapingFor("application/json"));
        assertEquals(BodyTemplate.Escaping.JSON, BodyTemplate.escapingFor("Application/JSON; charset=UTF-8"));
        assertEquals(BodyTemplate.Escaping.JSON, BodyTemplate.escapingFor("application/vnd.gateway+json"));
        assertEquals(BodyTemplate.Escaping.FORM, BodyTemplate.escapingFor("application/x-www-form-urlencoded"));
        assertEquals(BodyTemplate.Escaping.XML, BodyTemplate.escapingFor("text/xml; charset=utf-8"));
        assertEquals(BodyTemplate.Escaping.XML, BodyTemplate.escapingFor("application/soap+xml"));
        assertEquals(BodyTemplate.Escaping.NONE, BodyTemplate.escapingFor("text/plain"));
    }

    @Test
    void jsonEscapesQuotesBackslashesAndControlCharacters() {
        assertEquals("a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u2028 ø", BodyTemplate.json("a\"b\\c\n\r\t\b\f\u0001\u2028 ø"));
    }

    @Test
    void xmlEscapesMarkupAndDropsWhatXmlCannotCarry() {
        assertEquals("&lt;b&gt;Tom &amp; &quot;Jerry&apos;s&quot;&lt;/b&gt;\n", BodyTemplate.xml("<b>Tom & \"Jerry's\"</b>\u0007\n"));
    }

    @Test
    void everyPlaceholderIsFilledOnce() {
        BodyTemplate template = new BodyTemplate("<sms><to>${to}</to><text>${text}</text><copy>${text}</copy></sms>",
                "application/xml");

        assertEquals("<sms><to>+47</to><text>a&lt;${to}&gt;</text><copy>a&lt;${to}&gt;</copy></sms>",
                template.render(Map.of("to", "+47", "text", "a<${to}>")));
    }
}
