package org.invitations.ws;

import java.util.List;
import org.invitations.audit.AuditEvent;
import org.invitations.directory.DirectoryService;
import org.invitations.shared.Page;
import org.invitations.ws.generated.AuditEntry;
import org.invitations.ws.generated.ChangePasswordResponse;
import org.invitations.ws.generated.CreateAssociateResponse;
import org.invitations.ws.generated.CreateContactResponse;
import org.invitations.ws.generated.CreateResourceResponse;
import org.invitations.ws.generated.GetAssociateResponse;
import org.invitations.ws.generated.GetContactResponse;
import org.invitations.ws.generated.GetResourceResponse;
import org.invitations.ws.generated.ListAssociatesResponse;
import org.invitations.ws.generated.ListContactsResponse;
import org.invitations.ws.generated.ListResourcesResponse;
import org.invitations.ws.generated.SetAssociateEnabledResponse;
import org.invitations.ws.generated.GetAuditLogResponse;
import org.invitations.ws.generated.Associate;
import org.invitations.ws.generated.Contact;
import org.invitations.ws.generated.NewPerson;
import org.invitations.ws.generated.Person;
import org.invitations.ws.generated.Resource;
import org.invitations.ws.generated.Role;

/** Maps directory entities, their lists and the audit log to wire types, and the wire role back. */
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
        wire.setTimeZone(associate.getTimeZoneId());
        wire.setWorkingHours(toWire(associate.getWorkingHours()));
        return wire;
    }

    static org.invitations.ws.generated.WorkingHours toWire(org.invitations.directory.WorkingHours hours) {
        org.invitations.ws.generated.WorkingHours wire = new org.invitations.ws.generated.WorkingHours();
        hours.days().forEach(day -> wire.getWeekday().add(
                org.invitations.ws.generated.Weekday.valueOf(org.invitations.directory.WorkingHours.code(day))));
        wire.setStart(hours.startText());
        wire.setEnd(hours.endText());
        return wire;
    }

    /** Checked as it is read: the faults name workingHours/weekday, workingHours/start, workingHours/end. */
    static org.invitations.directory.WorkingHours toWorkingHours(org.invitations.ws.generated.WorkingHours wire) {
        if (wire == null) {
            throw new org.invitations.shared.InvalidRequest("workingHours", "workingHours is required");
        }
        return org.invitations.directory.WorkingHours.of("workingHours", wire.getWeekday().stream()
                .map(day -> java.time.DayOfWeek.of(day.ordinal() + 1)).toList(), wire.getStart(), wire.getEnd());
    }

    static org.invitations.ws.generated.SetWorkingHoursResponse toWorkingHoursSet(
            org.invitations.directory.Associate associate) {
        org.invitations.ws.generated.SetWorkingHoursResponse response =
                new org.invitations.ws.generated.SetWorkingHoursResponse();
        response.setAssociate(toWire(associate));
        return response;
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
        org.invitations.directory.ResourcePolicy policy = resource.getPolicy();
        wire.setCapacity(policy.capacity());
        wire.setBookingPolicy(org.invitations.ws.generated.BookingPolicy.valueOf(policy.bookingPolicy().name()));
        wire.setMaxDurationMinutes(policy.maxDurationMinutes());
        wire.setBookingWindowDays(policy.bookingWindowDays());
        return wire;
    }

    static List<DirectoryService.NewPerson> toNewPersons(List<NewPerson> persons) {
        return persons.stream()
                .map(p -> new DirectoryService.NewPerson(p.getFullName(), p.getEmail(), p.getMobile()))
                .toList();
    }

    static CreateAssociateResponse toCreated(org.invitations.directory.Associate associate) {
        CreateAssociateResponse response = new CreateAssociateResponse();
        response.setAssociate(toWire(associate));
        return response;
    }

    static GetAssociateResponse toFound(org.invitations.directory.Associate associate) {
        GetAssociateResponse response = new GetAssociateResponse();
        response.setAssociate(toWire(associate));
        return response;
    }

    static ChangePasswordResponse toPasswordChanged(org.invitations.directory.Associate associate) {
        ChangePasswordResponse response = new ChangePasswordResponse();
        response.setAssociate(toWire(associate));
        return response;
    }

    static SetAssociateEnabledResponse toEnabledSet(org.invitations.directory.Associate associate) {
        SetAssociateEnabledResponse response = new SetAssociateEnabledResponse();
        response.setAssociate(toWire(associate));
        return response;
    }

    static org.invitations.ws.generated.SetAssociateTimeZoneResponse toTimeZoneSet(
            org.invitations.directory.Associate associate) {
        org.invitations.ws.generated.SetAssociateTimeZoneResponse response =
                new org.invitations.ws.generated.SetAssociateTimeZoneResponse();
        response.setAssociate(toWire(associate));
        return response;
    }

    static ListAssociatesResponse toAssociates(Page<org.invitations.directory.Associate> page) {
        ListAssociatesResponse response = new ListAssociatesResponse();
        page.items().forEach(a -> response.getAssociate().add(toWire(a)));
        response.setNextPageToken(Paging.next(page));
        return response;
    }

    static CreateContactResponse toCreated(org.invitations.directory.Contact contact) {
        CreateContactResponse response = new CreateContactResponse();
        response.setContact(toWire(contact));
        return response;
    }

    static GetContactResponse toFound(org.invitations.directory.Contact contact) {
        GetContactResponse response = new GetContactResponse();
        response.setContact(toWire(contact));
        return response;
    }

    static ListContactsResponse toContacts(Page<org.invitations.directory.Contact> page) {
        ListContactsResponse response = new ListContactsResponse();
        page.items().forEach(c -> response.getContact().add(toWire(c)));
        response.setNextPageToken(Paging.next(page));
        return response;
    }

    /** The booking rules of a request; the policy left out allows conflicts. */
    static org.invitations.directory.ResourcePolicy toPolicy(Integer capacity,
            org.invitations.ws.generated.BookingPolicy bookingPolicy, Integer maxDurationMinutes,
            Integer bookingWindowDays) {
        return new org.invitations.directory.ResourcePolicy(capacity, bookingPolicy == null ? null
                : org.invitations.directory.BookingPolicy.valueOf(bookingPolicy.name()), maxDurationMinutes,
                bookingWindowDays);
    }

    static org.invitations.ws.generated.SetResourcePolicyResponse toPolicySet(
            org.invitations.directory.Resource resource) {
        org.invitations.ws.generated.SetResourcePolicyResponse response =
                new org.invitations.ws.generated.SetResourcePolicyResponse();
        response.setResource(toWire(resource));
        return response;
    }

    static CreateResourceResponse toCreated(org.invitations.directory.Resource resource) {
        CreateResourceResponse response = new CreateResourceResponse();
        response.setResource(toWire(resource));
        return response;
    }

    static GetResourceResponse toFound(org.invitations.directory.Resource resource) {
        GetResourceResponse response = new GetResourceResponse();
        response.setResource(toWire(resource));
        return response;
    }

    static ListResourcesResponse toResources(Page<org.invitations.directory.Resource> page) {
        ListResourcesResponse response = new ListResourcesResponse();
        page.items().forEach(r -> response.getResource().add(toWire(r)));
        response.setNextPageToken(Paging.next(page));
        return response;
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
        response.setNextPageToken(Paging.next(page));
        return response;
    }

    static org.invitations.security.Role toRole(Role role) {
        return role == null ? org.invitations.security.Role.USER : org.invitations.security.Role.valueOf(role.name());
    }
}
