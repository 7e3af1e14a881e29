package org.invitations.ws;

import org.invitations.invitation.DiaryService;
import org.invitations.ws.generated.ConcurrentModificationFault;
import org.invitations.ws.generated.GetActivityArchive;
import org.invitations.ws.generated.GetActivityArchiveResponse;
import org.invitations.ws.generated.GetDiary;
import org.invitations.ws.generated.GetDiaryResponse;
import org.invitations.ws.generated.InvalidRequestFault;
import org.invitations.ws.generated.NotAllowedFault;
import org.invitations.ws.generated.NotFoundFault;

/** The read-only views: an associate's diary and a contact's activity archive. */
final class DiaryOperations {

    private final DiaryService diaries;

    DiaryOperations(DiaryService diaries) {
        this.diaries = diaries;
    }

    GetDiaryResponse diary(GetDiary request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> ViewMapper.toDiary(diaries.diary(CallerInterceptor.current(),
                request.getAssociateId(), DateTimes.toInstant(request.getFromTime()),
                DateTimes.toInstant(request.getToTime()))));
    }

    GetActivityArchiveResponse archive(GetActivityArchive request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> ViewMapper.toArchive(diaries.activityArchive(request.getContactId(),
                DateTimes.toInstant(request.getFromTime()), DateTimes.toInstant(request.getToTime()))));
    }
}
