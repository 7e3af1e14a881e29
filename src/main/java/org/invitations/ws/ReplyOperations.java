package org.invitations.ws;

import org.invitations.reply.CalendarReply;
import org.invitations.reply.ReplyOutcome;
import org.invitations.reply.ReplyService;
import org.invitations.ws.generated.ConcurrentModificationFault;
import org.invitations.ws.generated.InvalidRequestFault;
import org.invitations.ws.generated.ListCalendarReplies;
import org.invitations.ws.generated.ListCalendarRepliesResponse;
import org.invitations.ws.generated.NotAllowedFault;
import org.invitations.ws.generated.NotFoundFault;
import org.invitations.ws.generated.ProcessCalendarReply;
import org.invitations.ws.generated.ProcessCalendarReplyResponse;

/** Answers from outside: an integration hands in received calendar messages; an ADMIN lists what came of them. */
final class ReplyOperations {

    private final ReplyService replies;

    ReplyOperations(ReplyService replies) {
        this.replies = replies;
    }

    ProcessCalendarReplyResponse process(ProcessCalendarReply request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> {
            ProcessCalendarReplyResponse response = new ProcessCalendarReplyResponse();
            response.setReply(ReplyMapper.toWire(replies.process(CallerInterceptor.current(), request.getMime(),
                    request.getCalendar())));
            return response;
        });
    }

    ListCalendarRepliesResponse list(ListCalendarReplies request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> {
            var page = replies.list(CallerInterceptor.current(), request.getOutcome() == null ? null
                            : ReplyOutcome.valueOf(request.getOutcome().name()), Paging.size(request.getPageSize()),
                    Paging.afterId(request.getPageToken()));
            ListCalendarRepliesResponse response = new ListCalendarRepliesResponse();
            for (CalendarReply reply : page.items()) {
                response.getReply().add(ReplyMapper.toWire(reply));
            }
            response.setNextPageToken(Paging.next(page));
            return response;
        });
    }
}
