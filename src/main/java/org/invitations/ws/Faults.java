package org.invitations.ws;

import org.apache.cxf.interceptor.Fault;
import org.invitations.shared.BookingRefused;
import org.invitations.shared.ConcurrentModification;
import org.invitations.shared.DomainException;
import org.invitations.shared.InvalidRequest;
import org.invitations.shared.InvalidTransition;
import org.invitations.shared.NotAllowed;
import org.invitations.shared.NotFound;
import org.invitations.ws.generated.BookingRefusedFault;
import org.invitations.ws.generated.ConcurrentModificationFault;
import org.invitations.ws.generated.FaultDetail;
import org.invitations.ws.generated.InvalidRequestFault;
import org.invitations.ws.generated.InvalidTransitionFault;
import org.invitations.ws.generated.NotAllowedFault;
import org.invitations.ws.generated.NotFoundFault;

/**
 * The one place where typed domain errors become the WSDL's declared faults: thrown by an operation
 * ({@link #call}, {@link #answer}) or met before it ran, in an interceptor ({@link #beforeOperation}).
 */
final class Faults {

    @FunctionalInterface
    interface Call<T> {
        T run();
    }

    private Faults() {
    }

    static <T> T call(Call<T> call)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        try {
            return call.run();
        } catch (ConcurrentModification e) {
            throw new ConcurrentModificationFault(e.getMessage(), detail(e));
        } catch (InvalidRequest e) {
            throw new InvalidRequestFault(e.getMessage(), detail(e));
        } catch (NotFound e) {
            throw new NotFoundFault(e.getMessage(), detail(e));
        } catch (NotAllowed e) {
            throw new NotAllowedFault(e.getMessage(), detail(e));
        }
    }

    /** For the answering operations, which also declare the invalid-transition fault. */
    static <T> T answer(Call<T> call)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, InvalidTransitionFault,
            ConcurrentModificationFault {
        try {
            return call(call);
        } catch (InvalidTransition e) {
            FaultDetail detail = detail(e);
            detail.setCurrentStatus(e.currentStatus());
            detail.setRequestedStatus(e.requestedStatus());
            throw new InvalidTransitionFault(e.getMessage(), detail);
        }
    }

    /** For the operations that book resources (create, move, update), which also declare BookingRefusedFault. */
    static <T> T book(Call<T> call)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault,
            BookingRefusedFault {
        try {
            return call(call);
        } catch (BookingRefused e) {
            throw refused(e);
        }
    }

    /** As {@link #book}, for the owner's changes that also declare the invalid-transition fault. */
    static <T> T bookChange(Call<T> call)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, InvalidTransitionFault,
            ConcurrentModificationFault, BookingRefusedFault {
        try {
            return answer(call);
        } catch (BookingRefused e) {
            throw refused(e);
        }
    }

    /** The resource in id, the participant in field, and for an overlap when the holding booking is. */
    private static BookingRefusedFault refused(BookingRefused e) {
        FaultDetail detail = detail(e);
        detail.setBusyStart(e.busyStart() == null ? null : DateTimes.toUtc(e.busyStart()));
        detail.setBusyEnd(e.busyEnd() == null ? null : DateTimes.toUtc(e.busyEnd()));
        return new BookingRefusedFault(e.getMessage(), detail);
    }

    /**
     * A domain refusal met before the operation ran, as the declared fault the operation would have
     * thrown; an interceptor throws a CXF {@link Fault}, so its detail is written out here.
     */
    static Fault beforeOperation(DomainException e) {
        String element = e instanceof ConcurrentModification ? "ConcurrentModificationFault"
                : e instanceof NotFound ? "NotFoundFault"
                : e instanceof InvalidRequest ? "InvalidRequestFault"
                : e instanceof BookingRefused ? "BookingRefusedFault" : "NotAllowedFault";
        return FaultRewriteInterceptor.declared(element, e.getMessage(), e.field(), e.id(), e);
    }

    private static FaultDetail detail(DomainException e) {
        FaultDetail detail = new FaultDetail();
        detail.setMessage(e.getMessage());
        detail.setField(e.field());
        detail.setId(e.id());
        return detail;
    }
}
