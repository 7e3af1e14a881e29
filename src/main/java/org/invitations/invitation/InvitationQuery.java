package org.invitations.invitation;

import java.time.Instant;
import java.util.Set;
import org.invitations.shared.PageToken;

/**
 * Which of an associate's invitations to list. A null associate means the caller; an empty status
 * set means the pending ones.
 */
public record InvitationQuery(Long associateId, Set<Status> statuses, Instant from, Instant to, int pageSize,
                              PageToken after) {
}
