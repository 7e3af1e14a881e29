package org.invitations.ws;

import org.invitations.shared.Page;
import org.invitations.shared.PageToken;

/** Paging on the wire, for every list: the page size, the cursor a request brings and the next one. */
final class Paging {

    /** The page size when a request leaves it out; the XSD bounds what a request may ask for. */
    static final int DEFAULT_PAGE_SIZE = 50;

    private Paging() {
    }

    static int size(Integer requested) {
        return requested == null ? DEFAULT_PAGE_SIZE : requested;
    }

    /** The cursor of a list sorted by a time, then id (invitations, tasks, distributed tasks). */
    static PageToken afterTime(String token) {
        return PageToken.decode(token, true);
    }

    /** The cursor of a list sorted by id (directory lists, the audit log). */
    static PageToken afterId(String token) {
        return PageToken.decode(token, false);
    }

    /** Null on the last page. */
    static String next(Page<?> page) {
        return page.next() == null ? null : page.next().encode();
    }
}
