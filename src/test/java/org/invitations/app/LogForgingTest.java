package org.invitations.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.invitations.support.RawSoap;
import org.invitations.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * A caller's text cannot write a log line of its own: the service's own logback.xml, in either format,
 * with usernames that carry a line feed, a carriage return, a Unicode line separator and a C1 next-line
 * control, sent to the real server.
 */
class LogForgingTest {

    /** Every character some reader of a log takes for the end of a line. */
    private static final Pattern ANY_LINE_END = Pattern.compile("\r\n|[\n\r\u0085\u2028\u2029]");
    private static final String FAKE = "WARN fake line";
    /** An exception's class and message, a frame, or a cause or suppressed one, as Logback writes them. */
    private static final Pattern STACK_TRACE = Pattern.compile(
            "(\t.*|(Caused by: |\tSuppressed: )?[A-Za-z_$][\\w$]*(\\.[\\w$]+)+(: .*)?)");
    /** As written in the SOAP envelope (character references: a raw CR would be normalised by the XML parser). */
    private static final List<String> FORGED_USERNAMES = List.of("mallory&#10;" + FAKE + " lf",
            "mallory&#13;" + FAKE + " cr", "mallory&#13;&#10;" + FAKE + " crlf", "mallory&#x2028;" + FAKE + " ls",
            "mallory&#x85;" + FAKE + " nel");

    @TempDir
    Path data;

    @AfterEach
    void backToTheTestLogging() throws Exception {
        System.clearProperty(Logging.FORMAT);
        configureLogback(getClass().getResource("/logback-test.xml"));
    }

    @ParameterizedTest
    @EnumSource(CommandLineOptions.LogFormat.class)
    void aUsernameWithLineBreaksWritesNoLineOfItsOwn(CommandLineOptions.LogFormat format) throws Exception {
        System.setProperty(Logging.FORMAT, format.name());
        configureLogback(getClass().getResource("/logback.xml"));
        String log;
        try (InvitationsServer server = TestServer.start(data)) {
            RawSoap soap = new RawSoap(server.address());
            PrintStream original = System.err;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                for (String username : FORGED_USERNAMES) {
                    assertTrue(soap.call(username, "any-password", "<inv:GetInvitations/>").body()
                            .contains("FailedAuthentication"), username);
                }
                LoggerFactory.getLogger(LogForgingTest.class).warn("An exception quoting a caller",
                        new IllegalStateException("bad value\n" + FAKE + " in an exception",
                                new IllegalArgumentException("cause\r" + FAKE + " in a cause")));
            } finally {
                System.setErr(original);
            }
            log = captured.toString(StandardCharsets.UTF_8);
        }

        List<String> lines = ANY_LINE_END.splitAsStream(log).filter(line -> !line.isEmpty()).toList();
        for (String line : lines) {
            assertFalse(line.strip().startsWith(FAKE), "a forged line:\n" + line + "\nin:\n" + log);
            if (format == CommandLineOptions.LogFormat.json) {
                assertTrue(line.startsWith("{") && line.endsWith("}"), "one JSON object per line: " + line);
            } else {
                assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT.*") || STACK_TRACE.matcher(line).matches(),
                        "an event's line or a line of a stack trace: " + line + "\nin:\n" + log);
            }
        }
        List<String> logins = lines.stream().filter(line -> line.contains("Login of 'mallory")).toList();
        assertEquals(FORGED_USERNAMES.size(), logins.size(), "one line per refused login:\n" + log);
        for (String escaped : List.of("mallory\\n" + FAKE + " lf", "mallory\\r" + FAKE + " cr",
                "mallory\\r\\n" + FAKE + " crlf", "mallory\\u2028" + FAKE + " ls", "mallory\\u0085" + FAKE + " nel")) {
            assertTrue(logins.stream().anyMatch(line -> line.contains(escaped)), escaped + " in:\n" + log);
        }
        assertEquals(format == CommandLineOptions.LogFormat.json ? 1 : 2,
                lines.stream().filter(line -> line.contains(FAKE + " in a")).count(),
                "the exception and its cause, in the event's line (json) or each in its own (plain):\n" + log);
    }

    private static void configureLogback(URL configuration) throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(configuration);
    }
}
