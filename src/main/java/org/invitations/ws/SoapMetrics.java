package org.invitations.ws;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Times every SOAP call by operation and outcome ({@code invitations.soap.requests}, with a latency
 * histogram): the outcome is {@code ok}, the declared fault's name (NotFoundFault, ...), or the fault
 * code (FailedAuthentication, Client, Server).
 */
final class SoapMetrics {

    private static final String STARTED = "invitations.metrics.started";

    private final MeterRegistry registry;

    SoapMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    AbstractPhaseInterceptor<Message> start() {
        return new AbstractPhaseInterceptor<>(Phase.RECEIVE) {
            @Override
            public void handleMessage(Message message) {
                message.getExchange().put(STARTED, System.nanoTime());
            }
        };
    }

    /** For the out chain and the out-fault chain, at the very end. */
    AbstractPhaseInterceptor<Message> stop() {
        return new AbstractPhaseInterceptor<>(Phase.SEND_ENDING) {
            @Override
            public void handleMessage(Message message) {
                record(message);
            }

            @Override
            public void handleFault(Message message) {
                record(message);
            }
        };
    }

    private void record(Message message) {
        Exchange exchange = message.getExchange();
        Long started = exchange.remove(STARTED) instanceof Long nanos ? nanos : null;
        if (started == null) {
            return;
        }
        String operation = exchange.getBindingOperationInfo() == null ? "unknown"
                : exchange.getBindingOperationInfo().getName().getLocalPart();
        Timer.builder("invitations.soap.requests")
                .description("SOAP calls by operation and outcome")
                .tag("operation", operation)
                .tag("outcome", outcome(message))
                .publishPercentileHistogram()
                .register(registry)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    private static String outcome(Message message) {
        if (!(message.getContent(Exception.class) instanceof Fault fault)) {
            return "ok";
        }
        Element detail = fault.getDetail();
        for (Node child = detail == null ? null : detail.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element declared) {
                return declared.getLocalName();
            }
        }
        if (fault instanceof SoapFault soap && soap.getFaultCode() != null) {
            return soap.getFaultCode().getLocalPart();
        }
        return fault.getFaultCode() == null ? "Server" : fault.getFaultCode().getLocalPart();
    }
}
