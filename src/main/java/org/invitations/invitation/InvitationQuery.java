package org.invitations.invitation;

import java.time.Instant;
import java.util.Set;
import org.invitations.shared.PageToken;

/**
 * Which of an associate's invitations to list. A null associate means the caller; an empty status
 * set means the pending ones; {@code onlyNew} keeps the ones a client shows as a pop-up.
 */
public record InvitationQuery(Long associateId, Set<Status> statuses, Instant from, Instant to, boolean onlyNew,
                              int pageSize, PageToken after) {
}
