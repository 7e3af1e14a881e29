package org.invitations.notification;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A relay that answers what a test tells it to, for the replies GreenMail never gives (451 "try later",
 * 550 "no such user"). It speaks just enough SMTP for Jakarta Mail, and records the commands it heard.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Map<String, String> replies = new HashMap<>();
    private final List<String> heard = new CopyOnWriteArrayList<>();

    private ScriptedSmtpServer(Map<String, String> replies) throws IOException {
        this.replies.putAll(replies);
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(this::serve, "scripted-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    /** Replies by command ("RCPT" -> "451 4.7.1 Try again later"); anything not named is accepted. */
    static ScriptedSmtpServer replying(Map<String, String> replies) throws IOException {
        return new ScriptedSmtpServer(replies);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** The commands heard, verb first ("MAIL FROM:<...>"), in order. */
    List<String> heard() {
        return List.copyOf(heard);
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                converse(client);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private void converse(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = client.getOutputStream();
        say(out, "220 scripted ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            heard.add(line);
            String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
            switch (verb) {
                case "EHLO", "HELO" -> say(out, replies.getOrDefault(verb, "250 scripted"));
                case "MAIL", "RCPT", "RSET", "NOOP" -> say(out, replies.getOrDefault(verb, "250 2.0.0 OK"));
                case "DATA" -> {
                    String reply = replies.getOrDefault("DATA", "354 End data with <CR><LF>.<CR><LF>");
                    say(out, reply);
                    if (reply.startsWith("354")) {
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            // the message itself; not kept
                        }
                        say(out, replies.getOrDefault("DATA-END", "250 2.0.0 Queued"));
                    }
                }
                case "QUIT" -> {
                    say(out, "221 2.0.0 Bye");
                    return;
                }
                default -> say(out, "502 5.5.2 Command not recognised");
            }
        }
    }

    private static void say(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
