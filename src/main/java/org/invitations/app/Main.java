package org.invitations.app;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/** Starts the service from the command line: {@code java -jar invitations-service.jar [--demo] [--port N] ...}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // Help, the version and a bad command line are picocli's output, the only text not in the log.
        int code = CommandLineOptions.run(args, System.getenv(),
                new PrintWriter(System.out, true, Charset.defaultCharset()),
                new PrintWriter(System.err, true, Charset.defaultCharset()), Main::serve);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs until the JVM is asked to stop (SIGTERM, Ctrl-C). */
    private static int serve(CommandLineOptions.Parsed parsed) {
        Logging.setUp(parsed.logFormat());
        InvitationsServer server;
        try {
            server = InvitationsServer.start(parsed.config());
        } catch (RuntimeException e) {
            // Not a static field: Logback starts here, after the log format is chosen.
            LoggerFactory.getLogger(Main.class).error("The service did not start: {}", e.getMessage(), e);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shutdown"));
        server.announce();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
