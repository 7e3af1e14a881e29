package org.invitations.ws;

import org.apache.cxf.interceptor.Fault;
import org.invitations.shared.ConcurrentModification;
import org.invitations.shared.DomainException;
import org.invitations.shared.InvalidRequest;
import org.invitations.shared.InvalidTransition;
import org.invitations.shared.NotAllowed;
import org.invitations.shared.NotFound;
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

    /**
     * A domain refusal met before the operation ran, as the declared fault the operation would have
     * thrown; an interceptor throws a CXF {@link Fault}, so its detail is written out here.
     */
    static Fault beforeOperation(DomainException e) {
        String element = e instanceof ConcurrentModification ? "ConcurrentModificationFault"
                : e instanceof NotFound ? "NotFoundFault"
                : e instanceof InvalidRequest ? "InvalidRequestFault" : "NotAllowedFault";
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
