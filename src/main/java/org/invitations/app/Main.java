package org.invitations.app;

import java.util.concurrent.CountDownLatch;

/** Starts the service from the command line: {@code java -jar invitations-service.jar [--demo] [--port=N] ...}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        Logging.setUp();
        ServerConfig config;
        try {
            config = ServerConfig.from(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        InvitationsServer server = InvitationsServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
    }
}
