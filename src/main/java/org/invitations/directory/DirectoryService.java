package org.invitations.directory;

import org.invitations.shared.Transactions;
import java.time.ZoneId;
import java.util.List;
import org.hibernate.SessionFactory;
import org.invitations.audit.AuditLog;
import org.invitations.security.Account;
import org.invitations.security.Authenticator;
import org.invitations.security.Caller;
import org.invitations.security.PasswordHasher;
import org.invitations.security.Role;
import org.invitations.shared.InvalidRequest;
import org.invitations.shared.NotAllowed;
import org.invitations.shared.NotFound;
import org.invitations.shared.Page;
import org.invitations.shared.PageToken;
import org.invitations.shared.TimeZones;

/**
 * Associates, contacts with their persons, and resources. Only an ADMIN adds, disables or sets the
 * password of other associates (they have logins); any associate may add contacts and resources, as
 * in the CRM. Every change is audited in its own transaction.
 */
public final class DirectoryService {

    /** A person to add with a new contact. */
    public record NewPerson(String fullName, String email, String mobile) {
    }

    private final SessionFactory sessionFactory;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final Authenticator authenticator;
    private final ZoneId defaultTimeZone;

    /** {@code defaultTimeZone}: the zone of new associates that are not given one (--default-time-zone). */
    public DirectoryService(SessionFactory sessionFactory, PasswordHasher hasher, AuditLog audit,
                            Authenticator authenticator, ZoneId defaultTimeZone) {
        this.sessionFactory = sessionFactory;
        this.hasher = hasher;
        this.audit = audit;
        this.authenticator = authenticator;
        this.defaultTimeZone = defaultTimeZone;
    }

    /** A new associate; a null {@code timeZone} gives it the service's default zone. */
    public Associate createAssociate(Caller caller, String username, String fullName, String email, String password,
                                     Role role, String timeZone) {
        requireAdmin(caller, "add associates");
        ZoneId zone = timeZone == null ? defaultTimeZone : TimeZones.parse("timeZone", timeZone);
        return addAssociate(caller, username, fullName, email, password, role, zone);
    }

    /**
     * A new password: one's own, proving the current one; or, for an ADMIN, anyone's. The old password
     * stops working at once.
     */
    public Associate changePassword(Caller caller, Long associateId, String currentPassword, String newPassword) {
        if (caller.integration() != null) {
            throw new NotAllowed("An integration (" + caller.integration() + ") cannot change passwords: the"
                    + " associate changes its own, or an ADMIN does", associateId);
        }
        long who = associateId == null ? caller.associateId() : associateId;
        boolean own = who == caller.associateId();
        if (!own) {
            requireAdmin(caller, "change another associate's password");
        }
        // Checked like a login: five wrong current passwords in a row pause this check (not the login).
        if (own && !authenticator.isCurrentPassword(who, currentPassword)) {
            throw new InvalidRequest("currentPassword", "currentPassword is not the password of "
                    + caller.username() + "; send the current one to change it (after five wrong ones in a row"
                    + " it is not checked for a while)");
        }
        String hash = hasher.hash(newPassword);
        Associate changed = Transactions.run(sessionFactory, session -> {
            Account account = session.find(Account.class, who, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            if (account == null) {
                throw new NotFound("associate", who, "associateId");
            }
            account.changePassword(hash);
            audit.record(session, caller, "ChangePassword", "associate", who, null);
            session.flush();
            return session.find(Associate.class, who);
        });
        authenticator.evict(changed.getUsername());
        return changed;
    }

    /** Disabling stops the associate's login at once; its records stay. */
    public Associate setEnabled(Caller caller, long associateId, boolean enabled) {
        requireAdmin(caller, "enable or disable associates");
        if (associateId == caller.associateId() && !enabled) {
            throw new InvalidRequest("associateId", "an administrator cannot disable its own account");
        }
        Associate changed = Transactions.run(sessionFactory, session -> {
            Account account = session.find(Account.class, associateId,
                    jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            if (account == null) {
                throw new NotFound("associate", associateId, "associateId");
            }
            account.setEnabled(enabled);
            audit.record(session, caller, enabled ? "EnableAssociate" : "DisableAssociate", "associate",
                    associateId, account.getUsername());
            session.flush();
            return session.find(Associate.class, associateId);
        });
        authenticator.evict(changed.getUsername());
        return changed;
    }

    /** An associate's time zone: its own, or anyone's for an ADMIN. Its new appointments are written in it. */
    public Associate setTimeZone(Caller caller, Long associateId, String timeZone) {
        long who = associateId == null ? caller.associateId() : associateId;
        if (who != caller.associateId()) {
            requireAdmin(caller, "set another associate's time zone");
        }
        ZoneId zone = TimeZones.parse("timeZone", timeZone);
        return Transactions.run(sessionFactory, session -> {
            Associate associate = session.find(Associate.class, who, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            if (associate == null) {
                throw new NotFound("associate", who, "associateId");
            }
            associate.changeTimeZone(zone);
            audit.record(session, caller, "SetAssociateTimeZone", "associate", who, associate.getTimeZoneId());
            return associate;
        });
    }

    /** An associate's working hours: its own, or anyone's for an ADMIN. A search for a free time keeps to them. */
    public Associate setWorkingHours(Caller caller, Long associateId, WorkingHours hours) {
        long who = associateId == null ? caller.associateId() : associateId;
        if (who != caller.associateId()) {
            requireAdmin(caller, "set another associate's working hours");
        }
        return Transactions.run(sessionFactory, session -> {
            Associate associate = session.find(Associate.class, who, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            if (associate == null) {
                throw new NotFound("associate", who, "associateId");
            }
            associate.changeWorkingHours(hours);
            audit.record(session, caller, "SetWorkingHours", "associate", who,
                    hours.storedDays() + " " + hours.startText() + "-" + hours.endText());
            return associate;
        });
    }

    /**
     * Adds an associate in the service's default zone; a null caller is the service itself (the first
     * admin, the demo directory).
     */
    public Associate addAssociate(Caller caller, String username, String fullName, String email, String password,
                                  Role role) {
        return addAssociate(caller, username, fullName, email, password, role, defaultTimeZone);
    }

    private Associate addAssociate(Caller caller, String username, String fullName, String email, String password,
                                   Role role, ZoneId zone) {
        String hash = hasher.hash(password);
        return Transactions.run(sessionFactory, session -> {
            boolean taken = session.createSelectionQuery("select 1 from Associate where username = :u", Integer.class)
                    .setParameter("u", username)
                    .getSingleResultOrNull() != null;
            if (taken) {
                throw new InvalidRequest("username", "username '" + username + "' is taken; choose another");
            }
            Associate associate = new Associate(username, fullName, email, hash, role);
            associate.changeTimeZone(zone);
            session.persist(associate);
            audit.record(session, caller, "CreateAssociate", "associate", associate.getId(), username + " " + role);
            return associate;
        });
    }

    public boolean hasAssociates() {
        return Transactions.run(sessionFactory, session ->
                session.createSelectionQuery("select count(*) from Associate", Long.class).getSingleResult() > 0);
    }

    public boolean hasAssociate(String username) {
        return Transactions.run(sessionFactory, session ->
                session.createSelectionQuery("select 1 from Associate where username = :u", Integer.class)
                        .setParameter("u", username)
                        .getSingleResultOrNull() != null);
    }

    public Associate associate(long id) {
        return Transactions.run(sessionFactory, session -> {
            Associate associate = session.find(Associate.class, id);
            if (associate == null) {
                throw new NotFound("associate", id, "associateId");
            }
            return associate;
        });
    }

    public Page<Associate> associates(int pageSize, PageToken after) {
        return Transactions.run(sessionFactory, session -> Page.of(
                session.createSelectionQuery("from Associate where id > :after order by id", Associate.class)
                        .setParameter("after", after == null ? 0L : after.id())
                        .setMaxResults(pageSize + 1)
                        .getResultList(),
                pageSize, a -> PageToken.afterId(a.getId())));
    }

    public Contact createContact(Caller caller, String name, List<NewPerson> persons) {
        return Transactions.run(sessionFactory, session -> {
            Contact contact = new Contact(name);
            persons.forEach(p -> contact.addPerson(p.fullName(), p.email(), p.mobile()));
            session.persist(contact);
            audit.record(session, caller, "CreateContact", "contact", contact.getId(),
                    name + " with " + persons.size() + " persons");
            return contact;
        });
    }

    public Contact contact(long id) {
        return Transactions.run(sessionFactory, session -> {
            Contact contact = session.createSelectionQuery(
                            "from Contact c left join fetch c.persons where c.id = :id", Contact.class)
                    .setParameter("id", id)
                    .getSingleResultOrNull();
            if (contact == null) {
                throw new NotFound("contact", id, "contactId");
            }
            return contact;
        });
    }

    public Page<Contact> contacts(int pageSize, PageToken after) {
        return Transactions.run(sessionFactory, session -> {
            List<Long> ids = session.createSelectionQuery("select id from Contact where id > :after order by id",
                            Long.class)
                    .setParameter("after", after == null ? 0L : after.id())
                    .setMaxResults(pageSize + 1)
                    .getResultList();
            List<Long> pageIds = ids.size() > pageSize ? ids.subList(0, pageSize) : ids;
            List<Contact> contacts = pageIds.isEmpty() ? List.of() : session.createSelectionQuery(
                            "select distinct c from Contact c left join fetch c.persons where c.id in :ids order by c.id",
                            Contact.class)
                    .setParameterList("ids", pageIds)
                    .getResultList();
            PageToken next = ids.size() > pageSize ? PageToken.afterId(pageIds.get(pageSize - 1)) : null;
            return new Page<>(contacts, next);
        });
    }

    public Resource createResource(Caller caller, String name, String description) {
        return createResource(caller, name, description, ResourcePolicy.NONE);
    }

    /**
     * A new resource. Any associate adds a plain one (conflicts allowed, no limits), as in the CRM; one
     * born with booking rules is an ADMIN's, as {@link #setResourcePolicy} is: otherwise anyone could add a
     * room that refuses everybody else's bookings.
     */
    public Resource createResource(Caller caller, String name, String description, ResourcePolicy policy) {
        if (policy.limitsAnything()) {
            requireAdmin(caller, "give a resource a capacity, a booking policy, a maximum duration or a booking"
                    + " window; leave them out to add a plain resource, which an ADMIN may limit later");
        }
        return Transactions.run(sessionFactory, session -> {
            Resource resource = new Resource(name, description, policy);
            session.persist(resource);
            audit.record(session, caller, "CreateResource", "resource", resource.getId(),
                    name + (policy.limitsAnything() ? ", " + describe(policy) : ""));
            return resource;
        });
    }

    /**
     * ADMIN only: a resource's booking rules, all at once (a limit left out is no limit; the policy left out
     * allows conflicts). The resource's row is locked, as every booking of a refusing resource locks it, so a
     * change and a booking are one after the other. Bookings already made stay.
     */
    public Resource setResourcePolicy(Caller caller, long resourceId, ResourcePolicy policy) {
        requireAdmin(caller, "set a resource's booking policy");
        return Transactions.run(sessionFactory, session -> {
            Resource resource = session.find(Resource.class, resourceId,
                    jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            if (resource == null) {
                throw new NotFound("resource", resourceId, "resourceId");
            }
            resource.changePolicy(policy);
            audit.record(session, caller, "SetResourcePolicy", "resource", resourceId, describe(policy));
            return resource;
        });
    }

    private static String describe(ResourcePolicy policy) {
        return policy.bookingPolicy() + ", capacity " + policy.capacity() + ", max " + policy.maxDurationMinutes()
                + " min, window " + policy.bookingWindowDays() + " days";
    }

    private static void requireAdmin(Caller caller, String action) {
        if (!caller.isAdmin()) {
            throw new NotAllowed("Only an ADMIN may " + action
                    + (caller.integration() != null ? " (an integration never acts as an admin)" : ""), null);
        }
    }

    public Resource resource(long id) {
        return Transactions.run(sessionFactory, session -> {
            Resource resource = session.find(Resource.class, id);
            if (resource == null) {
                throw new NotFound("resource", id, "resourceId");
            }
            return resource;
        });
    }

    public Page<Resource> resources(int pageSize, PageToken after) {
        return Transactions.run(sessionFactory, session -> Page.of(
                session.createSelectionQuery("from Resource where id > :after order by id", Resource.class)
                        .setParameter("after", after == null ? 0L : after.id())
                        .setMaxResults(pageSize + 1)
                        .getResultList(),
                pageSize, r -> PageToken.afterId(r.getId())));
    }
}
