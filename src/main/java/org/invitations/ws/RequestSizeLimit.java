package org.invitations.ws;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;

/**
 * Refuses request bodies above a limit before they are parsed: 413 when the client announces the
 * size, and a fault as soon as a streamed body passes the limit.
 */
final class RequestSizeLimit extends AbstractPhaseInterceptor<Message> {

    private final long maxBytes;

    RequestSizeLimit(long maxBytes) {
        super(Phase.RECEIVE);
        this.maxBytes = maxBytes;
    }

    @Override
    public void handleMessage(Message message) {
        HttpServletRequest request = (HttpServletRequest) message.get(AbstractHTTPDestination.HTTP_REQUEST);
        if (request != null && request.getContentLengthLong() > maxBytes) {
            reject(message, request.getContentLengthLong());
            return;
        }
        InputStream body = message.getContent(InputStream.class);
        if (body != null) {
            message.setContent(InputStream.class, new Limited(body, maxBytes));
        }
    }

    private void reject(Message message, long length) {
        HttpServletResponse response = (HttpServletResponse) message.get(AbstractHTTPDestination.HTTP_RESPONSE);
        try {
            response.setStatus(413);
            response.setContentType("text/plain; charset=UTF-8");
            response.setHeader("Connection", "close");
            response.getOutputStream().write(("Request body of " + length + " bytes is larger than the limit of "
                    + maxBytes + " bytes\n").getBytes(StandardCharsets.UTF_8));
            response.flushBuffer();
        } catch (IOException e) {
            throw new Fault(e);
        }
        message.getInterceptorChain().abort();
    }

    /** Counts what is read and fails past the limit, for bodies sent without a length. */
    private static final class Limited extends FilterInputStream {
        private final long max;
        private long read;

        Limited(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > max) {
                throw new IOException("Request body is larger than the limit of " + max + " bytes");
            }
        }
    }
}
