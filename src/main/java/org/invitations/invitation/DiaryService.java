package org.invitations.invitation;

import org.invitations.shared.Transactions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.SessionFactory;
import org.invitations.directory.Associate;
import org.invitations.directory.Contact;
import org.invitations.security.Caller;
import org.invitations.shared.InvalidRequest;
import org.invitations.shared.NotFound;

/** Read-only views: an associate's diary and a contact's activity archive. */
public final class DiaryService {

    /** A diary is read a period at a time; a longer range would be an unbounded answer. */
    public static final Duration MAX_DIARY_RANGE = Duration.ofDays(366);
    /** The archive answers at most this many entries, the earliest first; narrow the range for more. */
    public static final int MAX_ARCHIVE_ENTRIES = 1000;

    private final SessionFactory sessionFactory;

    public DiaryService(SessionFactory sessionFactory) {
        this.sessionFactory = sessionFactory;
    }

    /**
     * What is booked in the associate's diary in [from, to): its own appointments (master records),
     * and accepted and tentative invitations; never pending, declined or cancelled ones, and never
     * tasks, which have a task list of their own. Entries that
     * overlap another entry of the same diary are flagged as conflicts.
     */
    public List<DiaryEntry> diary(Caller caller, Long associateId, Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw new InvalidRequest("toTime", "toTime must be after fromTime");
        }
        if (Duration.between(from, to).compareTo(MAX_DIARY_RANGE) > 0) {
            throw new InvalidRequest("toTime", "a diary is read at most " + MAX_DIARY_RANGE.toDays() + " days at a time");
        }
        long who = associateId == null ? caller.associateId() : associateId;
        return Transactions.run(sessionFactory, session -> {
            if (who != caller.associateId() && session.find(Associate.class, who) == null) {
                throw new NotFound("associate", who, "associateId");
            }
            List<DiaryEntry> entries = InvitationQueries.diary(session, who, from, to);
            return flagOverlaps(entries);
        });
    }

    /**
     * Every appointment one of the contact's persons takes part in (not the cancelled ones), by start.
     * External persons have no diary; this is where their bookings show.
     */
    public List<ArchiveEntry> activityArchive(long contactId, Instant from, Instant to) {
        if (from != null && to != null && !to.isAfter(from)) {
            throw new InvalidRequest("toTime", "toTime must be after fromTime");
        }
        return Transactions.run(sessionFactory, session -> {
            if (session.find(Contact.class, contactId) == null) {
                throw new NotFound("contact", contactId, "contactId");
            }
            return InvitationQueries.archive(session, contactId, from, to, MAX_ARCHIVE_ENTRIES);
        });
    }

    /** Entries are ordered by start: one sweep finds every entry that overlaps an earlier one, and that one. */
    static List<DiaryEntry> flagOverlaps(List<DiaryEntry> entries) {
        boolean[] conflict = new boolean[entries.size()];
        int latestEnding = -1;
        for (int i = 0; i < entries.size(); i++) {
            DiaryEntry entry = entries.get(i);
            if (latestEnding >= 0 && entry.start().isBefore(entries.get(latestEnding).end())) {
                conflict[i] = true;
                conflict[latestEnding] = true;
                for (int j = latestEnding + 1; j < i; j++) {
                    if (entry.start().isBefore(entries.get(j).end())) {
                        conflict[j] = true;
                    }
                }
            }
            if (latestEnding < 0 || entry.end().isAfter(entries.get(latestEnding).end())) {
                latestEnding = i;
            }
        }
        List<DiaryEntry> flagged = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            flagged.add(conflict[i] ? entries.get(i).withConflict() : entries.get(i));
        }
        return flagged;
    }
}
