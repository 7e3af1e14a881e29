package org.invitations.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.invitations.app.Main;
import org.invitations.app.ServerConfig;

/**
 * One service node as operators run it: the real start command ({@link Main}) in its own JVM, with the
 * demo directory, its output in {@code node.log} in its data folder. Stopped gently by {@link #close()}
 * or killed by {@link #kill()} (what kill -9 does: no shutdown hook runs).
 */
public record ServiceProcess(Process process, String address, int port) implements AutoCloseable {

    public static ServiceProcess start(Path dataDir, Map<String, String> env, String... args) throws Exception {
        return start(dataDir, TestServer.freePort(), env, args);
    }

    public static ServiceProcess start(Path dataDir, int port, Map<String, String> env, String... args)
            throws Exception {
        return start(List.of(), dataDir, port, env, args);
    }

    /** As {@link #start(Path, Map, String...)}, the JVM running under the given umask (such as 000). */
    public static ServiceProcess startUnderUmask(String umask, Path dataDir, Map<String, String> env, String... args)
            throws Exception {
        if (!umask.matches("[0-7]{3,4}")) {
            throw new IllegalArgumentException("not a umask: " + umask);
        }
        return start(List.of("/bin/sh", "-c", "umask " + umask + " && exec \"$@\"", "sh"), dataDir,
                TestServer.freePort(), env, args);
    }

    private static ServiceProcess start(List<String> launcher, Path dataDir, int port, Map<String, String> env,
                                        String... args) throws Exception {
        Files.createDirectories(dataDir);
        List<String> demo = new ArrayList<>(List.of("--demo"));
        demo.addAll(List.of(args));
        return start(launcher, dataDir, dataDir.resolve("node.log"), port, env, demo.toArray(String[]::new));
    }

    /**
     * As an operator's first start: without the demo directory, on {@code dataDir} as it is (missing or
     * empty), with the logging configuration the jar ships (not the tests' logback-test.xml), the node's
     * output in {@code log} outside it.
     */
    public static ServiceProcess startWithoutDemo(Path dataDir, Path log, Map<String, String> env, String... args)
            throws Exception {
        return start(List.of(), List.of("-Dlogback.configurationFile=logback.xml"), dataDir, log,
                TestServer.freePort(), env, args);
    }

    private static ServiceProcess start(List<String> launcher, Path dataDir, Path log, int port,
                                        Map<String, String> env, String... args) throws Exception {
        return start(launcher, List.of(), dataDir, log, port, env, args);
    }

    private static ServiceProcess start(List<String> launcher, List<String> jvm, Path dataDir, Path log, int port,
                                        Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        command.addAll(jvm);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--host=127.0.0.1", "--port=" + port, "--data=" + dataDir));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("INVITATIONS_PBKDF2_ITERATIONS", String.valueOf(TestServer.TEST_ITERATIONS));
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        CountDownLatch ready = new CountDownLatch(1);
        Thread copier = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream()));
                 var out = Files.newBufferedWriter(log, java.nio.file.StandardOpenOption.CREATE,
                         java.nio.file.StandardOpenOption.APPEND)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    out.write(line);
                    out.newLine();
                    out.flush();
                    if (line.contains("Invitations service listening on")) {
                        ready.countDown();
                    }
                }
            } catch (IOException ended) {
                // the node stopped
            }
        }, "node-output");
        copier.setDaemon(true);
        copier.start();
        if (!ready.await(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("node did not start within 90 s; see " + log);
        }
        return new ServiceProcess(process, "http://127.0.0.1:" + port + ServerConfig.PATH, port);
    }

    /** As kill -9: the JVM ends at once, in the middle of whatever it was doing. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** As SIGTERM from an operator; the node's last lines (its stop line) still reach the log. */
    @Override
    public void close() throws Exception {
        // Process.destroy() would also close our end of its output, losing what the node prints while stopping.
        process.toHandle().destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
