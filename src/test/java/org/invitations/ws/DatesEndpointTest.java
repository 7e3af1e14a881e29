package org.invitations.ws;

import org.invitations.support.RawEndpointTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.invitations.app.DemoData;
import org.invitations.support.RawSoap;
import org.invitations.support.RawSoap.Reply;
import org.junit.jupiter.api.Test;

/**
 * Dates as clients send them, on a server whose JVM runs in Europe/Oslo (surefire's setting): a
 * value without an offset is UTC, an offset is honoured and answered in UTC, microseconds come back
 * exactly, and a finer fraction is refused with a fault that says how to fix it.
 */
class DatesEndpointTest extends RawEndpointTest {




    private static Reply create(String start, String end) throws Exception {
        return soap.call("alice", DemoData.ALICE_PASSWORD, """
                <inv:CreateInvitation><inv:type>MEETING</inv:type><inv:title>Dates</inv:title>
                  <inv:start>%s</inv:start><inv:end>%s</inv:end>
                  <inv:participants><inv:participant><inv:associateId>%s</inv:associateId></inv:participant>
                  </inv:participants></inv:CreateInvitation>""".formatted(start, end, bobId));
    }

    /** The start of bob's invitation with this record id, as the service answers it. */
    private static String startOf(String recordId) throws Exception {
        return soap.call("bob", DemoData.BOB_PASSWORD, "<inv:GetInvitations><inv:pageSize>500</inv:pageSize>"
                + "</inv:GetInvitations>").xpath("//inv:invitation[inv:recordId='" + recordId + "']/inv:start");
    }

    @Test
    void aStartWithoutAnOffsetIsUtcOnAServerInOslo() throws Exception {
        Reply created = create("2031-04-12T09:00:00", "2031-04-12T10:00:00");

        assertEquals(200, created.status(), created.body());
        assertEquals("2031-04-12T09:00:00Z", startOf(created.xpath("//inv:participant/inv:recordId")));
    }

    @Test
    void anOffsetIsHonouredAndAnsweredInUtc() throws Exception {
        Reply created = create("2031-04-13T11:00:00+02:00", "2031-04-13T12:00:00+02:00");

        assertEquals("2031-04-13T09:00:00Z", startOf(created.xpath("//inv:participant/inv:recordId")));
    }

    @Test
    void microsecondsComeBackExactly() throws Exception {
        Reply created = create("2031-04-14T09:00:00.123456Z", "2031-04-14T10:00:00.5Z");

        String start = startOf(created.xpath("//inv:participant/inv:recordId"));
        assertEquals(Instant.parse("2031-04-14T09:00:00.123456Z"), Instant.parse(start), start);
    }

    @Test
    void aSeventhFractionalDigitIsRefusedSayingHowToFixIt() throws Exception {
        Reply refused = create("2031-04-15T09:00:00.1234567Z", "2031-04-15T10:00:00Z");

        assertEquals(500, refused.status(), refused.body());
        assertEquals("soap:Client", refused.xpath("//soap:Fault/faultcode"), refused.body());
        assertTrue(refused.xpath("//soap:Fault/faultstring").contains("round it to 6 digits"), refused.body());
    }
}
