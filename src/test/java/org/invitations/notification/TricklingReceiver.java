package org.invitations.notification;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hostile HTTP peer on 127.0.0.1 (a raw socket): it reads each request, answers 200 with a
 * Content-Length of ten million bytes, and then sends one byte every half second, never closing. Told
 * to {@link #recover()}, it answers each later request completely (200, empty body) and keeps its body.
 */
final class TricklingReceiver implements AutoCloseable {

    private final ServerSocket socket;
    private final ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "trickle");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Socket> trickling = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> answered = new CopyOnWriteArrayList<>();
    private volatile boolean recovered;

    TricklingReceiver() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "trickling-receiver");
        acceptor.setDaemon(true);
        acceptor.start();
        drip.scheduleWithFixedDelay(this::dripOneByte, 500, 500, TimeUnit.MILLISECONDS);
    }

    String url(String path) {
        return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    /** Requests read so far, trickled or answered. */
    int requests() {
        return requests.get();
    }

    /** The bodies of the requests answered completely, after {@link #recover()}. */
    List<String> answered() {
        return answered;
    }

    /** From now on every request is answered at once. */
    void recover() {
        recovered = true;
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                Thread thread = new Thread(() -> serve(connection), "trickling-connection");
                thread.setDaemon(true);
                thread.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try {
            InputStream in = connection.getInputStream();
            OutputStream out = connection.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    connection.close();
                    return;
                }
                byte[] body = in.readNBytes(contentLength(head));
                requests.incrementAndGet();
                if (!recovered) {
                    out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 10000000\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    trickling.add(connection);
                    return; // the drip goes on writing
                }
                answered.add(new String(body, StandardCharsets.UTF_8));
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException gone) {
            closeQuietly(connection);
        }
    }

    private void dripOneByte() {
        for (Socket connection : trickling) {
            try {
                OutputStream out = connection.getOutputStream();
                out.write('x');
                out.flush();
            } catch (IOException closedByTheClient) {
                trickling.remove(connection);
                closeQuietly(connection);
            }
        }
    }

    /** The request line and headers, or null when the client closed the connection. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).strip());
            }
        }
        return 0;
    }

    private static void closeQuietly(Socket connection) {
        try {
            connection.close();
        } catch (IOException ignored) {
            // gone already
        }
    }

    @Override
    public void close() throws IOException {
        drip.shutdownNow();
        socket.close();
        for (Socket connection : trickling) {
            closeQuietly(connection);
        }
    }
}
