package org.invitations.support;

import java.util.concurrent.atomic.AtomicInteger;
import org.invitations.app.DemoData;
import org.invitations.ws.generated.Associate;
import org.invitations.ws.generated.CreateAssociate;
import org.invitations.ws.generated.CreateContact;
import org.invitations.ws.generated.CreateResource;
import org.invitations.ws.generated.InvitationsPortType;
import org.invitations.ws.generated.ListAssociates;
import org.invitations.ws.generated.NewPerson;
import org.invitations.ws.generated.Resource;
import org.invitations.ws.generated.Contact;

/**
 * Named fixtures over a running server with the demo directory: alice, bob, carol (users) and admin,
 * plus fresh associates and resources for tests that need a clean diary.
 */
public final class Directory {

    private static final AtomicInteger FRESH = new AtomicInteger();

    private final String address;
    private final InvitationsPortType admin;

    public Directory(String address) {
        this.address = address;
        this.admin = Clients.as(address, "admin", DemoData.ADMIN_PASSWORD);
    }

    public InvitationsPortType admin() {
        return admin;
    }

    public InvitationsPortType alice() {
        return Clients.as(address, "alice", DemoData.ALICE_PASSWORD);
    }

    public InvitationsPortType bob() {
        return Clients.as(address, "bob", DemoData.BOB_PASSWORD);
    }

    public InvitationsPortType carol() {
        return Clients.as(address, "carol", DemoData.CAROL_PASSWORD);
    }

    public long idOf(String username) throws Exception {
        ListAssociates request = new ListAssociates();
        request.setPageSize(500);
        return admin.listAssociates(request).getAssociate().stream()
                .filter(a -> a.getUsername().equals(username))
                .mapToLong(Associate::getAssociateId)
                .findFirst()
                .orElseThrow();
    }

    /** A new associate with an empty diary; password is "password-" + username. */
    public Associate freshAssociate(String prefix) throws Exception {
        CreateAssociate request = new CreateAssociate();
        request.setUsername(prefix + FRESH.incrementAndGet());
        request.setFullName("Fresh " + request.getUsername());
        request.setPassword("password-" + request.getUsername());
        return admin.createAssociate(request).getAssociate();
    }

    /** A fresh associate together with a client signed in as it. */
    public record Member(Associate associate, InvitationsPortType port) {
        public long id() {
            return associate.getAssociateId();
        }
    }

    public Member freshMember(String prefix) throws Exception {
        Associate associate = freshAssociate(prefix);
        return new Member(associate, as(associate));
    }

    public InvitationsPortType as(Associate associate) {
        return Clients.as(address, associate.getUsername(), "password-" + associate.getUsername());
    }

    public Resource freshResource(String name) throws Exception {
        CreateResource request = new CreateResource();
        request.setName(name);
        return admin.createResource(request).getResource();
    }

    public Contact contactWithPersons(String name, String... personNames) throws Exception {
        CreateContact request = new CreateContact();
        request.setName(name);
        for (String personName : personNames) {
            NewPerson person = new NewPerson();
            person.setFullName(personName);
            request.getPerson().add(person);
        }
        return admin.createContact(request).getContact();
    }
}
