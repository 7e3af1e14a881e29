package org.invitations.ws;

import org.invitations.audit.AuditLog;
import org.invitations.directory.DirectoryService;
import org.invitations.ws.generated.ChangePassword;
import org.invitations.ws.generated.ChangePasswordResponse;
import org.invitations.ws.generated.ConcurrentModificationFault;
import org.invitations.ws.generated.CreateAssociate;
import org.invitations.ws.generated.CreateAssociateResponse;
import org.invitations.ws.generated.CreateContact;
import org.invitations.ws.generated.CreateContactResponse;
import org.invitations.ws.generated.CreateResource;
import org.invitations.ws.generated.CreateResourceResponse;
import org.invitations.ws.generated.GetAssociate;
import org.invitations.ws.generated.GetAssociateResponse;
import org.invitations.ws.generated.GetAuditLog;
import org.invitations.ws.generated.GetAuditLogResponse;
import org.invitations.ws.generated.GetContact;
import org.invitations.ws.generated.GetContactResponse;
import org.invitations.ws.generated.GetResource;
import org.invitations.ws.generated.GetResourceResponse;
import org.invitations.ws.generated.InvalidRequestFault;
import org.invitations.ws.generated.ListAssociates;
import org.invitations.ws.generated.ListAssociatesResponse;
import org.invitations.ws.generated.ListContacts;
import org.invitations.ws.generated.ListContactsResponse;
import org.invitations.ws.generated.ListResources;
import org.invitations.ws.generated.ListResourcesResponse;
import org.invitations.ws.generated.NotAllowedFault;
import org.invitations.ws.generated.NotFoundFault;
import org.invitations.ws.generated.SetAssociateEnabled;
import org.invitations.ws.generated.SetAssociateEnabledResponse;

/** Who can be invited (associates, contacts with their persons, resources), accounts, and the audit log. */
final class DirectoryOperations {

    private final DirectoryService directory;
    private final AuditLog audit;

    DirectoryOperations(DirectoryService directory, AuditLog audit) {
        this.directory = directory;
        this.audit = audit;
    }

    CreateAssociateResponse createAssociate(CreateAssociate request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> DirectoryMapper.toCreated(directory.createAssociate(CallerInterceptor.current(),
                request.getUsername(), request.getFullName(), request.getEmail(), request.getPassword(),
                DirectoryMapper.toRole(request.getRole()), request.getTimeZone())));
    }

    GetAssociateResponse associate(GetAssociate request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> DirectoryMapper.toFound(directory.associate(request.getAssociateId())));
    }

    ListAssociatesResponse associates(ListAssociates request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> DirectoryMapper.toAssociates(directory.associates(
                Paging.size(request.getPageSize()), Paging.afterId(request.getPageToken()))));
    }

    CreateContactResponse createContact(CreateContact request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> DirectoryMapper.toCreated(directory.createContact(CallerInterceptor.current(),
                request.getName(), DirectoryMapper.toNewPersons(request.getPerson()))));
    }

    GetContactResponse contact(GetContact request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> DirectoryMapper.toFound(directory.contact(request.getContactId())));
    }

    ListContactsResponse contacts(ListContacts request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> DirectoryMapper.toContacts(directory.contacts(
                Paging.size(request.getPageSize()), Paging.afterId(request.getPageToken()))));
    }

    CreateResourceResponse createResource(CreateResource request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> DirectoryMapper.toCreated(directory.createResource(CallerInterceptor.current(),
                request.getName(), request.getDescription(), DirectoryMapper.toPolicy(request.getCapacity(),
                        request.getBookingPolicy(), request.getMaxDurationMinutes(), request.getBookingWindowDays()))));
    }

    org.invitations.ws.generated.SetResourcePolicyResponse setResourcePolicy(
            org.invitations.ws.generated.SetResourcePolicy request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> DirectoryMapper.toPolicySet(directory.setResourcePolicy(CallerInterceptor.current(),
                request.getResourceId(), DirectoryMapper.toPolicy(request.getCapacity(), request.getBookingPolicy(),
                        request.getMaxDurationMinutes(), request.getBookingWindowDays()))));
    }

    GetResourceResponse resource(GetResource request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> DirectoryMapper.toFound(directory.resource(request.getResourceId())));
    }

    ListResourcesResponse resources(ListResources request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> DirectoryMapper.toResources(directory.resources(
                Paging.size(request.getPageSize()), Paging.afterId(request.getPageToken()))));
    }

    ChangePasswordResponse changePassword(ChangePassword request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> DirectoryMapper.toPasswordChanged(directory.changePassword(
                CallerInterceptor.current(), request.getAssociateId(), request.getCurrentPassword(),
                request.getNewPassword())));
    }

    org.invitations.ws.generated.SetAssociateTimeZoneResponse setTimeZone(
            org.invitations.ws.generated.SetAssociateTimeZone request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> DirectoryMapper.toTimeZoneSet(directory.setTimeZone(CallerInterceptor.current(),
                request.getAssociateId(), request.getTimeZone())));
    }

    org.invitations.ws.generated.SetWorkingHoursResponse setWorkingHours(
            org.invitations.ws.generated.SetWorkingHours request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> DirectoryMapper.toWorkingHoursSet(directory.setWorkingHours(
                CallerInterceptor.current(), request.getAssociateId(),
                DirectoryMapper.toWorkingHours(request.getWorkingHours()))));
    }

    SetAssociateEnabledResponse setEnabled(SetAssociateEnabled request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> DirectoryMapper.toEnabledSet(directory.setEnabled(CallerInterceptor.current(),
                request.getAssociateId(), request.isEnabled())));
    }

    GetAuditLogResponse auditLog(GetAuditLog request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> DirectoryMapper.toAuditLog(audit.entries(CallerInterceptor.current(),
                request.getAssociateId(), DateTimes.toInstant(request.getFromTime()),
                DateTimes.toInstant(request.getToTime()), Paging.size(request.getPageSize()),
                Paging.afterId(request.getPageToken()))));
    }
}
