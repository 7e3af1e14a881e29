package org.invitations.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The text after an update: a field left out stays, an empty description or location clears it. */
class RecordTextTest {

    private static final RecordText BUDGET = new RecordText("Budget", "Numbers", "Room 1");

    @Test
    void fieldsLeftOutStay() {
        assertEquals(BUDGET, BUDGET.changedBy(null, null, null));
    }

    @Test
    void givenFieldsReplaceTheOldOnes() {
        assertEquals(new RecordText("Budget 2031", "More numbers", "Room 2"),
                BUDGET.changedBy("Budget 2031", "More numbers", "Room 2"));
    }

    @Test
    void emptyDescriptionOrLocationClearsIt() {
        assertEquals(new RecordText("Budget", null, null), BUDGET.changedBy(null, "", ""));
    }
}
