package org.invitations.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the server's time went in each measured run of a benchmark recorded with {@code --jfr}: the
 * execution samples of {@code target/bench/server.jfr} inside each run's window
 * ({@code target/bench/windows.tsv}), each counted once, for the innermost frame of a known library
 * (JDK frames count for their caller), and the classes found most often anywhere on the stack.
 *
 * <pre>java -cp ... org.invitations.bench.JfrShares target/bench/server.jfr target/bench/windows.tsv "page-size" "GetInvitations (page"</pre>
 */
public final class JfrShares {

    private JfrShares() {
    }

    /** Library by package prefix, first match wins; the JDK's own XML parser counts as Xerces. */
    private static final Map<String, String> LIBRARIES = new LinkedHashMap<>();

    static {
        LIBRARIES.put("org.invitations.", "our code");
        LIBRARIES.put("org.apache.derby.", "Derby");
        LIBRARIES.put("org.postgresql.", "PostgreSQL driver");
        LIBRARIES.put("org.hibernate.", "Hibernate");
        LIBRARIES.put("com.zaxxer.", "Hikari");
        LIBRARIES.put("org.apache.wss4j.", "WSS4J");
        LIBRARIES.put("org.apache.cxf.", "CXF");
        LIBRARIES.put("com.sun.org.apache.xerces.", "Xerces (DOM, SAX, validation)");
        LIBRARIES.put("com.sun.org.apache.xml.", "Xerces (DOM, SAX, validation)");
        LIBRARIES.put("org.apache.xerces.", "Xerces (DOM, SAX, validation)");
        LIBRARIES.put("com.sun.xml.messaging.saaj.", "SAAJ");
        LIBRARIES.put("com.sun.xml.internal.messaging.saaj.", "SAAJ");
        LIBRARIES.put("org.glassfish.jaxb.", "JAXB");
        LIBRARIES.put("com.sun.xml.bind.", "JAXB");
        LIBRARIES.put("jakarta.xml.bind.", "JAXB");
        LIBRARIES.put("com.ctc.wstx.", "Woodstox");
        LIBRARIES.put("org.codehaus.stax2.", "Woodstox");
        LIBRARIES.put("org.eclipse.jetty.", "Jetty");
        LIBRARIES.put("org.slf4j.", "logging");
        LIBRARIES.put("ch.qos.logback.", "logging");
        LIBRARIES.put("org.apache.logging.", "logging");
        LIBRARIES.put("io.micrometer.", "Micrometer");
    }

    public static void main(String[] args) throws IOException {
        Path recording = Path.of(args[0]);
        List<String[]> windows = Files.readAllLines(Path.of(args[1])).stream().filter(l -> !l.isBlank())
                .map(l -> l.split("\t", 3)).toList();
        List<String> wanted = List.of(args).subList(2, args.length);
        List<RecordedEvent> samples = RecordingFile.readAllEvents(recording).stream()
                .filter(e -> e.getEventType().getName().equals("jdk.ExecutionSample")).toList();
        for (String[] window : windows) {
            if (!wanted.isEmpty() && wanted.stream().noneMatch(window[2]::contains)) {
                continue;
            }
            Instant from = Instant.parse(window[0]);
            Instant to = Instant.parse(window[1]);
            Map<String, Integer> byLibrary = new HashMap<>();
            Map<String, Integer> byClass = new HashMap<>();
            Map<String, Integer> innermost = new HashMap<>();
            int total = 0;
            for (RecordedEvent sample : samples) {
                if (sample.getStartTime().isBefore(from) || sample.getStartTime().isAfter(to)
                        || sample.getStackTrace() == null) {
                    continue;
                }
                total++;
                List<RecordedFrame> frames = sample.getStackTrace().getFrames();
                String library = null;
                Set<String> classes = new HashSet<>();
                for (RecordedFrame frame : frames) {
                    String type = frame.getMethod().getType().getName();
                    String known = library(type);
                    if (library == null && known != null) {
                        library = known;
                        innermost.merge(type + "." + frame.getMethod().getName(), 1, Integer::sum);
                    }
                    if (known != null) {
                        classes.add(type);
                    }
                }
                byLibrary.merge(library == null ? "JDK only" : library, 1, Integer::sum);
                classes.forEach(c -> byClass.merge(c, 1, Integer::sum));
            }
            System.out.printf(Locale.ROOT, "%n== %s: %d samples (%s .. %s)%n", window[2], total, from, to);
            print("library (innermost known frame)", byLibrary, total, 20);
            print("innermost known method", innermost, total, 15);
            // the request's own steps: leave out the transport frames every sample has
            int all = total;
            byClass.keySet().removeIf(c -> c.startsWith("org.eclipse.jetty.") || c.startsWith("org.invitations.app.WebServer")
                    || byClass.get(c) > 0.85 * all);
            print("class anywhere on the stack (below the transport)", byClass, total, Integer.getInteger("top", 40));
        }
    }

    private static String library(String type) {
        for (Map.Entry<String, String> e : LIBRARIES.entrySet()) {
            if (type.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return type.startsWith("java.") || type.startsWith("javax.") || type.startsWith("jdk.")
                || type.startsWith("sun.") || type.startsWith("com.sun.") ? null : "other libraries";
    }

    private static void print(String title, Map<String, Integer> counts, int total, int top) {
        System.out.println("  " + title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf(Locale.ROOT, "    %5.1f %%  %s%n", 100.0 * e.getValue() / total,
                        e.getKey()));
    }
}
