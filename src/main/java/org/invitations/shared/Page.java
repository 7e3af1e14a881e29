package org.invitations.shared;

import java.util.List;
import java.util.function.Function;

/** One page of a list and the cursor of the next page (null on the last page). */
public record Page<T>(List<T> items, PageToken next) {

    /**
     * Cuts a page from rows read with a limit of {@code pageSize + 1}: the extra row only tells that
     * another page follows, which spares a count query.
     */
    public static <T> Page<T> of(List<T> rows, int pageSize, Function<T, PageToken> keyOf) {
        if (rows.size() <= pageSize) {
            return new Page<>(rows, null);
        }
        List<T> items = List.copyOf(rows.subList(0, pageSize));
        return new Page<>(items, keyOf.apply(items.get(pageSize - 1)));
    }
}
