package org.invitations.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Status codes as the CRM numbers them, stored as those numbers, and the list each status shows in. */
class StatusTest {

    @ParameterizedTest
    @EnumSource(Status.class)
    void everyStatusIsFoundByItsCodeAndStoredAsIt(Status status) {
        assertEquals(status, Status.ofCode(status.code()));
        assertEquals(status.code(), new StatusConverter().convertToDatabaseColumn(status));
        assertEquals(status, new StatusConverter().convertToEntityAttribute(status.code()));
    }

    @Test
    void anUnknownCodeIsRefused() {
        assertEquals("No status with code 4", assertThrows(IllegalArgumentException.class,
                () -> Status.ofCode(4)).getMessage());
    }

    @Test
    void aMissingStatusIsStoredAsNull() {
        assertNull(new StatusConverter().convertToDatabaseColumn(null));
        assertNull(new StatusConverter().convertToEntityAttribute(null));
    }

    @Test
    void aMeetingRecordIsWaitingInTheDiaryOrInNoList() {
        Map<Status, RecordList> expected = new EnumMap<>(Status.class);
        expected.put(Status.BOOKED, RecordList.DIARY);
        expected.put(Status.STARTED, RecordList.DIARY);
        expected.put(Status.COMPLETED, RecordList.DIARY);
        expected.put(Status.INVITED, RecordList.WAITING);
        expected.put(Status.MOVED, RecordList.WAITING);
        expected.put(Status.SEEN, RecordList.WAITING);
        expected.put(Status.MOVED_SEEN, RecordList.WAITING);
        expected.put(Status.DECLINED, RecordList.NONE);
        expected.put(Status.CANCELLED, RecordList.NONE);
        expected.put(Status.TENTATIVE, RecordList.DIARY);
        Arrays.stream(Status.values()).forEach(s ->
                assertEquals(expected.get(s), RecordList.of(AppointmentType.MEETING, s), s.name()));
    }

    @Test
    void aTaskRecordIsWaitingOpenDoneOrInNoList() {
        Map<Status, RecordList> expected = new EnumMap<>(Status.class);
        expected.put(Status.BOOKED, RecordList.OPEN_TASKS);
        expected.put(Status.STARTED, RecordList.OPEN_TASKS);
        expected.put(Status.COMPLETED, RecordList.DONE_TASKS);
        expected.put(Status.INVITED, RecordList.WAITING);
        expected.put(Status.MOVED, RecordList.WAITING);
        expected.put(Status.SEEN, RecordList.WAITING);
        expected.put(Status.MOVED_SEEN, RecordList.WAITING);
        expected.put(Status.DECLINED, RecordList.NONE);
        expected.put(Status.CANCELLED, RecordList.NONE);
        expected.put(Status.TENTATIVE, RecordList.NONE);
        Arrays.stream(Status.values()).forEach(s ->
                assertEquals(expected.get(s), RecordList.of(AppointmentType.TASK, s), s.name()));
    }

    @Test
    void aSeriesRecordIsTheOneInvitationWhilePendingAndOtherwiseShownThroughItsOccurrences() {
        for (AppointmentType type : AppointmentType.values()) {
            Arrays.stream(Status.values()).forEach(s -> assertEquals(
                    Status.PENDING.contains(s) ? RecordList.WAITING : RecordList.SERIES,
                    RecordList.of(type, s, true, false), type + " " + s));
        }
    }

    @Test
    void anOccurrenceFollowingItsSeriesIsHiddenWhilePendingAndListedAsAnyRecordOtherwise() {
        for (AppointmentType type : AppointmentType.values()) {
            Arrays.stream(Status.values()).forEach(s -> assertEquals(
                    Status.PENDING.contains(s) ? RecordList.SERIES : RecordList.of(type, s),
                    RecordList.of(type, s, false, true), type + " " + s));
            Arrays.stream(Status.values()).forEach(s -> assertEquals(RecordList.of(type, s),
                    RecordList.of(type, s, false, false), "answered on its own: " + type + " " + s));
        }
    }
}
