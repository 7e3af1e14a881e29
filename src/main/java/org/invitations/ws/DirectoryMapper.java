package org.invitations.ws;

import java.util.List;
import org.invitations.audit.AuditEvent;
import org.invitations.directory.DirectoryService;
import org.invitations.shared.Page;
import org.invitations.ws.generated.AuditEntry;
import org.invitations.ws.generated.GetAuditLogResponse;
import org.invitations.ws.generated.Associate;
import org.invitations.ws.generated.Contact;
import org.invitations.ws.generated.NewPerson;
import org.invitations.ws.generated.Person;
import org.invitations.ws.generated.Resource;
import org.invitations.ws.generated.Role;

/** Maps directory entities to wire types and back. */
final class DirectoryMapper {

    private DirectoryMapper() {
    }

    static Associate toWire(org.invitations.directory.Associate associate) {
        Associate wire = new Associate();
        wire.setAssociateId(associate.getId());
        wire.setUsername(associate.getUsername());
        wire.setFullName(associate.getFullName());
        wire.setEmail(associate.getEmail());
        wire.setRole(Role.valueOf(associate.getRole().name()));
        wire.setEnabled(associate.isEnabled());
        return wire;
    }

    static Contact toWire(org.invitations.directory.Contact contact) {
        Contact wire = new Contact();
        wire.setContactId(contact.getId());
        wire.setName(contact.getName());
        for (org.invitations.directory.Person person : contact.getPersons()) {
            Person p = new Person();
            p.setPersonId(person.getId());
            p.setFullName(person.getFullName());
            p.setEmail(person.getEmail());
            p.setMobile(person.getMobile());
            wire.getPerson().add(p);
        }
        return wire;
    }

    static Resource toWire(org.invitations.directory.Resource resource) {
        Resource wire = new Resource();
        wire.setResourceId(resource.getId());
        wire.setName(resource.getName());
        wire.setDescription(resource.getDescription());
        return wire;
    }

    static List<DirectoryService.NewPerson> toNewPersons(List<NewPerson> persons) {
        return persons.stream()
                .map(p -> new DirectoryService.NewPerson(p.getFullName(), p.getEmail(), p.getMobile()))
                .toList();
    }

    static GetAuditLogResponse toAuditLog(Page<AuditEvent> page) {
        GetAuditLogResponse response = new GetAuditLogResponse();
        for (AuditEvent event : page.items()) {
            AuditEntry entry = new AuditEntry();
            entry.setEventId(event.getId());
            entry.setAt(DateTimes.toUtc(event.getAt()));
            entry.setAssociateId(event.getAssociateId());
            entry.setUsername(event.getUsername());
            entry.setIntegration(event.getIntegration());
            entry.setOperation(event.getOperation());
            entry.setTargetType(event.getTargetType());
            entry.setTargetId(event.getTargetId());
            entry.setDetail(event.getDetail());
            response.getEntry().add(entry);
        }
        response.setNextPageToken(page.next() == null ? null : page.next().encode());
        return response;
    }

    static org.invitations.security.Role toRole(Role role) {
        return role == null ? org.invitations.security.Role.USER : org.invitations.security.Role.valueOf(role.name());
    }
}
