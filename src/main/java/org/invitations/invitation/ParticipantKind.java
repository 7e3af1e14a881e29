package org.invitations.invitation;

/** Who a record books: only associates are asked; persons and resources are booked directly. */
public enum ParticipantKind {
    ASSOCIATE,
    PERSON,
    RESOURCE
}
