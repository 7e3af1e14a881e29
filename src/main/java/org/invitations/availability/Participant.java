package org.invitations.availability;

/** An associate or a resource whose time is asked about. */
public record Participant(Kind kind, long id) {

    /** Persons have no diary of their own to ask about. */
    public enum Kind { ASSOCIATE, RESOURCE }

    public static Participant associate(long id) {
        return new Participant(Kind.ASSOCIATE, id);
    }

    public static Participant resource(long id) {
        return new Participant(Kind.RESOURCE, id);
    }

    /** The request field that names it. */
    String field() {
        return kind == Kind.ASSOCIATE ? "associateId" : "resourceId";
    }
}
