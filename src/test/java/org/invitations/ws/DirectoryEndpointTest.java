package org.invitations.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.xml.ws.soap.SOAPFaultException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.invitations.app.InvitationsServer;
import org.invitations.support.Clients;
import org.invitations.support.Directory;
import org.invitations.support.TestServer;
import org.invitations.ws.generated.Associate;
import org.invitations.ws.generated.Contact;
import org.invitations.ws.generated.CreateAssociate;
import org.invitations.ws.generated.CreateContact;
import org.invitations.ws.generated.CreateResource;
import org.invitations.ws.generated.GetAssociate;
import org.invitations.ws.generated.GetContact;
import org.invitations.ws.generated.GetResource;
import org.invitations.ws.generated.InvalidRequestFault;
import org.invitations.ws.generated.InvitationsPortType;
import org.invitations.ws.generated.ListAssociates;
import org.invitations.ws.generated.ListContacts;
import org.invitations.ws.generated.ListContactsResponse;
import org.invitations.ws.generated.ListResources;
import org.invitations.ws.generated.NewPerson;
import org.invitations.ws.generated.NotAllowedFault;
import org.invitations.ws.generated.NotFoundFault;
import org.invitations.ws.generated.Resource;
import org.invitations.ws.generated.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directory operations that make the service usable from an empty database. */
class DirectoryEndpointTest {

    @TempDir
    static Path data;
    static InvitationsServer server;
    static Directory directory;
    static InvitationsPortType admin;
    static InvitationsPortType alice;

    @BeforeAll
    static void start() {
        server = TestServer.start(data);
        directory = new Directory(server.address());
        admin = directory.admin();
        alice = directory.alice();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void adminAddsAnAssociateWhoCanThenSignIn() throws Exception {
        CreateAssociate request = newAssociate("nina");
        request.setEmail("nina@example.com");
        request.setRole(Role.ADMIN);

        Associate nina = admin.createAssociate(request).getAssociate();

        assertEquals("nina", nina.getUsername());
        assertEquals("Nina Nilsen", nina.getFullName());
        assertEquals("nina@example.com", nina.getEmail());
        assertEquals(Role.ADMIN, nina.getRole());
        InvitationsPortType asNina = Clients.as(server.address(), "nina", "nina-secret-1");
        GetAssociate get = new GetAssociate();
        get.setAssociateId(nina.getAssociateId());
        assertEquals("nina", asNina.getAssociate(get).getAssociate().getUsername());
    }

    @Test
    void roleDefaultsToUser() throws Exception {
        assertEquals(Role.USER, admin.createAssociate(newAssociate("otto")).getAssociate().getRole());
    }

    @Test
    void userMayNotAddAssociates() throws Exception {
        assertThrows(NotAllowedFault.class, () -> alice.createAssociate(newAssociate("mallory")));

        assertTrue(usernames().stream().noneMatch("mallory"::equals), "nothing was written");
    }

    @Test
    void usernameIsUnique() {
        InvalidRequestFault fault = assertThrows(InvalidRequestFault.class,
                () -> admin.createAssociate(newAssociate("alice")));

        assertEquals("username", fault.getFaultInfo().getField());
        assertTrue(fault.getMessage().contains("taken"), fault.getMessage());
    }

    @Test
    void shortPasswordBreaksTheSchema() {
        CreateAssociate request = newAssociate("pia");
        request.setPassword("short");

        InvalidRequestFault fault = assertThrows(InvalidRequestFault.class, () -> admin.createAssociate(request));

        assertEquals("password", fault.getFaultInfo().getField());
        assertTrue(fault.getFaultInfo().getMessage().contains("minLength"), fault.getFaultInfo().getMessage());
    }

    @Test
    void unknownIdsAreNotFound() {
        GetAssociate associate = new GetAssociate();
        associate.setAssociateId(424_242L);
        GetContact contact = new GetContact();
        contact.setContactId(424_242L);
        GetResource resource = new GetResource();
        resource.setResourceId(424_242L);

        assertEquals("associateId",
                assertThrows(NotFoundFault.class, () -> alice.getAssociate(associate)).getFaultInfo().getField());
        assertEquals("contactId",
                assertThrows(NotFoundFault.class, () -> alice.getContact(contact)).getFaultInfo().getField());
        assertEquals("resourceId",
                assertThrows(NotFoundFault.class, () -> alice.getResource(resource)).getFaultInfo().getField());
    }

    @Test
    void contactIsSavedWithItsPersonsWhoseEmailAndMobileAreOptional() throws Exception {
        CreateContact request = new CreateContact();
        request.setName("Havbris AS");
        request.getPerson().add(person("Eva Lie", "eva@havbris.example", null));
        request.getPerson().add(person("Jon Moe", null, "+47 400 00 000"));
        request.getPerson().add(person("Siv Ask", null, null));

        Contact created = alice.createContact(request).getContact();
        GetContact get = new GetContact();
        get.setContactId(created.getContactId());
        Contact read = alice.getContact(get).getContact();

        assertEquals("Havbris AS", read.getName());
        assertEquals(List.of("Eva Lie", "Jon Moe", "Siv Ask"),
                read.getPerson().stream().map(p -> p.getFullName()).toList());
        assertEquals("eva@havbris.example", read.getPerson().get(0).getEmail());
        assertNull(read.getPerson().get(0).getMobile());
        assertEquals("+47 400 00 000", read.getPerson().get(1).getMobile());
        assertNull(read.getPerson().get(2).getEmail());
        assertNotNull(read.getPerson().get(2).getPersonId());
    }

    @Test
    void contactsArePagedWithTheirPersons() throws Exception {
        for (int i = 0; i < 5; i++) {
            directory.contactWithPersons("Paged contact " + i, "Person A" + i, "Person B" + i);
        }
        List<Contact> all = new ArrayList<>();
        ListContacts request = new ListContacts();
        request.setPageSize(2);
        do {
            ListContactsResponse page = alice.listContacts(request);
            assertTrue(page.getContact().size() <= 2);
            all.addAll(page.getContact());
            request.setPageToken(page.getNextPageToken());
        } while (request.getPageToken() != null);

        List<Contact> paged = all.stream().filter(c -> c.getName().startsWith("Paged contact")).toList();
        assertEquals(5, paged.size());
        paged.forEach(c -> assertEquals(2, c.getPerson().size()));
        assertEquals(all.size(), all.stream().map(Contact::getContactId).distinct().count());
    }

    @Test
    void resourcesAreCreatedReadAndListed() throws Exception {
        CreateResource request = new CreateResource();
        request.setName("Van");
        request.setDescription("Company van, 3 seats");
        Resource van = alice.createResource(request).getResource();
        GetResource get = new GetResource();
        get.setResourceId(van.getResourceId());

        assertEquals("Company van, 3 seats", alice.getResource(get).getResource().getDescription());
        ListResources list = new ListResources();
        list.setPageSize(500);
        assertTrue(alice.listResources(list).getResource().stream()
                .anyMatch(r -> r.getResourceId() == van.getResourceId()));
    }

    @Test
    void associatesArePagedInIdOrder() throws Exception {
        for (int i = 0; i < 3; i++) {
            directory.freshAssociate("paged");
        }
        ListAssociates request = new ListAssociates();
        request.setPageSize(2);
        List<Long> ids = new ArrayList<>();
        do {
            var page = alice.listAssociates(request);
            page.getAssociate().forEach(a -> ids.add(a.getAssociateId()));
            request.setPageToken(page.getNextPageToken());
        } while (request.getPageToken() != null);

        assertTrue(ids.size() >= 7);
        assertEquals(ids.stream().sorted().distinct().toList(), ids);
    }

    private List<String> usernames() throws Exception {
        ListAssociates request = new ListAssociates();
        request.setPageSize(500);
        return admin.listAssociates(request).getAssociate().stream().map(Associate::getUsername).toList();
    }

    private static CreateAssociate newAssociate(String username) {
        CreateAssociate request = new CreateAssociate();
        request.setUsername(username);
        request.setFullName(Character.toUpperCase(username.charAt(0)) + username.substring(1) + " Nilsen");
        request.setPassword(username + "-secret-1");
        return request;
    }

    private static NewPerson person(String name, String email, String mobile) {
        NewPerson person = new NewPerson();
        person.setFullName(name);
        person.setEmail(email);
        person.setMobile(mobile);
        return person;
    }
}
