package org.invitations.support.soapui;

/** Something the project uses that this replay does not implement: the replay stops, whatever failOnError says. */
public final class NotReplayed extends RuntimeException {
    NotReplayed(String what) {
        super(what + " is not replayed; implement it with SoapUI's semantics or leave it out of the project");
    }
}
