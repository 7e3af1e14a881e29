package org.invitations.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.invitations.support.Directory.Member;
import org.invitations.support.EndpointTest;
import org.invitations.support.Race;
import org.invitations.ws.generated.Associate;
import org.invitations.ws.generated.AuditEntry;
import org.invitations.ws.generated.CreateAssociate;
import org.invitations.ws.generated.GetAssociate;
import org.invitations.ws.generated.GetAuditLog;
import org.invitations.ws.generated.InvalidRequestFault;
import org.invitations.ws.generated.ListAssociates;
import org.invitations.ws.generated.NotAllowedFault;
import org.invitations.ws.generated.NotFoundFault;
import org.invitations.ws.generated.SetAssociateTimeZone;
import org.junit.jupiter.api.Test;

/**
 * An associate's time zone through the real endpoint: set with SetAssociateTimeZone (its own, or anyone's
 * by an ADMIN), named at CreateAssociate, shown by GetAssociate and ListAssociates; the server's default
 * here is UTC (see DefaultTimeZoneTest for another one).
 */
class TimeZoneEndpointTest extends EndpointTest {

    static SetAssociateTimeZone zone(Long associateId, String timeZone) {
        SetAssociateTimeZone request = new SetAssociateTimeZone();
        request.setAssociateId(associateId);
        request.setTimeZone(timeZone);
        return request;
    }

    static Associate get(long associateId) throws Exception {
        GetAssociate request = new GetAssociate();
        request.setAssociateId(associateId);
        return directory.admin().getAssociate(request).getAssociate();
    }

    static Associate listed(long associateId) throws Exception {
        ListAssociates request = new ListAssociates();
        request.setPageSize(500);
        return directory.admin().listAssociates(request).getAssociate().stream()
                .filter(a -> a.getAssociateId() == associateId).findFirst().orElseThrow();
    }

    /** Newest first, as GetAuditLog answers. */
    static List<AuditEntry> timeZoneChangesOf(long targetId) throws Exception {
        GetAuditLog request = new GetAuditLog();
        request.setPageSize(500);
        return directory.admin().getAuditLog(request).getEntry().stream()
                .filter(e -> e.getOperation().equals("SetAssociateTimeZone") && e.getTargetId() != null
                        && e.getTargetId() == targetId)
                .toList();
    }

    static CreateAssociate newAssociate(String username, String timeZone) {
        CreateAssociate request = new CreateAssociate();
        request.setUsername(username);
        request.setFullName("Zone " + username);
        request.setPassword("password-" + username);
        request.setTimeZone(timeZone);
        return request;
    }

    @Test
    void newAssociatesAreInTheServersDefaultZoneUtc() throws Exception {
        Member fresh = directory.freshMember("utc");

        assertEquals("UTC", fresh.associate().getTimeZone());
        assertEquals("UTC", get(fresh.id()).getTimeZone());
        assertEquals("UTC", listed(aliceId).getTimeZone(), "the demo directory too");
        assertEquals("UTC", listed(directory.idOf("admin")).getTimeZone(), "and the first admin");
    }

    @Test
    void anAssociateSetsItsOwnZoneAndGetAssociateAndListAssociatesShowIt() throws Exception {
        Member hanne = directory.freshMember("hanne");

        Associate answered = hanne.port().setAssociateTimeZone(zone(null, "Europe/Oslo")).getAssociate();

        assertEquals(hanne.id(), answered.getAssociateId(), "no associateId: the caller's own");
        assertEquals("Europe/Oslo", answered.getTimeZone());
        assertEquals("Europe/Oslo", get(hanne.id()).getTimeZone());
        assertEquals("Europe/Oslo", listed(hanne.id()).getTimeZone());
        assertEquals("America/New_York", hanne.port().setAssociateTimeZone(zone(hanne.id(), "America/New_York"))
                .getAssociate().getTimeZone(), "its own id named");
    }

    @Test
    void anAdminSetsAnotherAssociatesZone() throws Exception {
        Member ivar = directory.freshMember("ivar");

        Associate answered = directory.admin().setAssociateTimeZone(zone(ivar.id(), "Asia/Tokyo")).getAssociate();

        assertEquals(ivar.id(), answered.getAssociateId());
        assertEquals("Asia/Tokyo", answered.getTimeZone());
        assertEquals("Asia/Tokyo", get(ivar.id()).getTimeZone());
    }

    @Test
    void aUserMayNotSetAnotherAssociatesZone() throws Exception {
        Member jon = directory.freshMember("jon");

        NotAllowedFault fault = assertThrows(NotAllowedFault.class,
                () -> alice.setAssociateTimeZone(zone(jon.id(), "Europe/Oslo")));

        assertTrue(fault.getMessage().contains("Only an ADMIN may set another associate's time zone"),
                fault.getMessage());
        assertEquals("UTC", get(jon.id()).getTimeZone());
        assertEquals(List.of(), timeZoneChangesOf(jon.id()));
    }

    @Test
    void anUnknownIdAnOffsetOrAWindowsNameIsAnInvalidRequestNamingTimeZoneAndChangesNothing() throws Exception {
        Member kjell = directory.freshMember("kjell");
        kjell.port().setAssociateTimeZone(zone(null, "Europe/Oslo"));

        for (String wrong : List.of("Europe/Olso", "Mars/Olympus_Mons", "+01:00", "UTC+1", "GMT+01:00",
                "W. Europe Standard Time", "CET", "EST")) {
            InvalidRequestFault fault = assertThrows(InvalidRequestFault.class,
                    () -> kjell.port().setAssociateTimeZone(zone(null, wrong)), wrong);

            assertEquals("timeZone", fault.getFaultInfo().getField(), wrong);
            assertTrue(fault.getMessage().contains("unknown time zone '" + wrong + "'"), fault.getMessage());
            assertTrue(fault.getMessage().contains("give an IANA id such as Europe/Oslo"), fault.getMessage());
        }
        assertEquals("Europe/Oslo", get(kjell.id()).getTimeZone(), "unchanged");
        assertEquals(1, timeZoneChangesOf(kjell.id()).size(), "only the change that was made is audited");
    }

    @Test
    void anUnknownAssociateIsNotFound() {
        NotFoundFault fault = assertThrows(NotFoundFault.class,
                () -> directory.admin().setAssociateTimeZone(zone(987_654_321L, "Europe/Oslo")));

        assertEquals("associateId", fault.getFaultInfo().getField());
    }

    @Test
    void settingAZoneIsAuditedWithWhoAndTheNewZone() throws Exception {
        Member lise = directory.freshMember("lise");

        lise.port().setAssociateTimeZone(zone(null, "Europe/Oslo"));
        directory.admin().setAssociateTimeZone(zone(lise.id(), "America/New_York"));

        List<AuditEntry> changes = timeZoneChangesOf(lise.id());
        assertEquals(List.of("America/New_York", "Europe/Oslo"), changes.stream().map(AuditEntry::getDetail).toList());
        assertEquals(List.of("admin", lise.associate().getUsername()),
                changes.stream().map(AuditEntry::getUsername).toList());
        assertEquals("associate", changes.get(0).getTargetType());
    }

    @Test
    void createAssociateTakesAZoneOtherwiseTheDefault() throws Exception {
        Associate mona = directory.admin().createAssociate(newAssociate("mona-" + System.nanoTime(),
                "America/New_York")).getAssociate();

        assertEquals("America/New_York", mona.getTimeZone());
        assertEquals("America/New_York", get(mona.getAssociateId()).getTimeZone());
        assertEquals("UTC", directory.admin().createAssociate(newAssociate("nils-" + System.nanoTime(), null))
                .getAssociate().getTimeZone());
    }

    @Test
    void createAssociateWithAnUnknownZoneIsRefusedNamingTimeZoneAndCreatesNobody() throws Exception {
        String username = "otto-" + System.nanoTime();

        InvalidRequestFault fault = assertThrows(InvalidRequestFault.class,
                () -> directory.admin().createAssociate(newAssociate(username, "W. Europe Standard Time")));

        assertEquals("timeZone", fault.getFaultInfo().getField());
        assertTrue(fault.getMessage().contains("unknown time zone 'W. Europe Standard Time'"), fault.getMessage());
        ListAssociates all = new ListAssociates();
        all.setPageSize(500);
        assertTrue(directory.admin().listAssociates(all).getAssociate().stream()
                .noneMatch(a -> a.getUsername().equals(username)), "nobody created");
    }

    @Test
    void theAssociateAndAnAdminSettingTheZoneAtOnceAreBothAnsweredAndOneOfThemWins() throws Exception {
        for (int round = 0; round < 5; round++) {
            Member per = directory.freshMember("race");
            Race race = new Race()
                    .add(() -> per.port().setAssociateTimeZone(zone(null, "Europe/Oslo")))
                    .add(() -> directory.admin().setAssociateTimeZone(zone(per.id(), "America/New_York")))
                    .run(Duration.ofSeconds(60));

            assertEquals(2, race.count("OK"), race.toString());
            String last = get(per.id()).getTimeZone();
            assertTrue(Set.of("Europe/Oslo", "America/New_York").contains(last), last);
            List<AuditEntry> changes = timeZoneChangesOf(per.id());
            assertEquals(2, changes.size(), "both audited");
            assertEquals(last, changes.get(0).getDetail(), "the change audited last is the one that stayed");
        }
    }
}
