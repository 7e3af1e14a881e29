package org.invitations.invitation;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.Session;
import org.invitations.directory.Associate;
import org.invitations.directory.Person;
import org.invitations.directory.Resource;
import org.invitations.invitation.NewMeeting.ParticipantRef;
import org.invitations.shared.InvalidRequest;
import org.invitations.shared.NotFound;

/** Checks a list of participants from a request and loads what it names, each kind in one query. */
final class Participants {

    final Map<Long, Associate> associates;
    final Map<Long, Person> persons;
    final Map<Long, Resource> resources;

    Participants(Map<Long, Associate> associates, Map<Long, Person> persons, Map<Long, Resource> resources) {
        this.associates = associates;
        this.persons = persons;
        this.resources = resources;
    }

    /** No participant twice, and not the owner: the owner's record is {@code includeMyself}'s business. */
    static void validate(long ownerId, List<ParticipantRef> refs, String list) {
        Set<ParticipantRef> seen = new HashSet<>();
        for (int i = 0; i < refs.size(); i++) {
            ParticipantRef ref = refs.get(i);
            if (!seen.add(ref)) {
                throw new InvalidRequest(field(list, i, ref.kind()),
                        name(ref.kind()) + " " + ref.id() + " is listed twice; list each participant once");
            }
            if (ref.kind() == ParticipantKind.ASSOCIATE && ref.id() == ownerId) {
                throw new InvalidRequest(field(list, i, ref.kind()), "the owner is not listed as a participant;"
                        + " includeMyself decides whether the owner's record is written");
            }
        }
    }

    /** Loads every participant; the first unknown id is reported with its place in the request. */
    static Participants resolve(Session session, List<ParticipantRef> refs, String list) {
        Participants found = new Participants(
                load(session, Associate.class, idsOf(refs, ParticipantKind.ASSOCIATE)),
                load(session, Person.class, idsOf(refs, ParticipantKind.PERSON)),
                load(session, Resource.class, idsOf(refs, ParticipantKind.RESOURCE)));
        found.requireAll(refs, list);
        return found;
    }

    /** Every participant of the list was found; the first unknown one is reported with its place. */
    void requireAll(List<ParticipantRef> refs, String list) {
        for (int i = 0; i < refs.size(); i++) {
            ParticipantRef ref = refs.get(i);
            if (!byKind(ref.kind()).containsKey(ref.id())) {
                throw new NotFound(name(ref.kind()), ref.id(), field(list, i, ref.kind()));
            }
        }
    }

    Map<Long, ?> byKind(ParticipantKind kind) {
        return switch (kind) {
            case ASSOCIATE -> associates;
            case PERSON -> persons;
            case RESOURCE -> resources;
        };
    }

    static String field(String list, int index, ParticipantKind kind) {
        String element = switch (kind) {
            case ASSOCIATE -> "associateId";
            case PERSON -> "personId";
            case RESOURCE -> "resourceId";
        };
        return list + "/participant[" + (index + 1) + "]/" + element;
    }

    /** The participant element itself at this place of the list: participants/participant[2]. */
    static String place(String list, int index) {
        return list + "/participant[" + (index + 1) + "]";
    }

    static String name(ParticipantKind kind) {
        return kind.name().toLowerCase();
    }

    static Set<Long> idsOf(List<ParticipantRef> refs, ParticipantKind kind) {
        return refs.stream().filter(r -> r.kind() == kind).map(ParticipantRef::id).collect(Collectors.toSet());
    }

    private static <T> Map<Long, T> load(Session session, Class<T> type, Collection<Long> ids) {
        Map<Long, T> byId = new HashMap<>();
        if (!ids.isEmpty()) {
            for (T entity : session.findMultiple(type, List.copyOf(ids))) {
                if (entity != null) {
                    byId.put((Long) session.getIdentifier(entity), entity);
                }
            }
        }
        return byId;
    }
}
