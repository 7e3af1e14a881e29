package org.invitations.invitation;

/** An external person's answer from its own calendar: the PARTSTAT of an iTIP REPLY (RFC 5546 §3.2.3). */
public enum ExternalAnswer {
    ACCEPTED,
    DECLINED,
    TENTATIVE
}
