package org.invitations.bench;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.invitations.app.ServerConfig;

/**
 * The server nodes under test, one JVM each: one node on either database, or several on one
 * PostgreSQL as behind a load balancer. The load driver's client c talks to node c mod n, so every
 * client keeps its connections to one node, as a balancer with sticky connections would.
 */
final class Nodes implements AutoCloseable {

    private final List<Benchmark.ServerProcess> servers;

    private Nodes(List<Benchmark.ServerProcess> servers) {
        this.servers = servers;
    }

    /**
     * Starts one node per configuration, one after the other: the first one to start runs the
     * migrations, the others only validate the schema.
     */
    static Nodes start(List<ServerConfig> configs, String heap, boolean jfr) throws Exception {
        List<Benchmark.ServerProcess> started = new ArrayList<>();
        try {
            for (ServerConfig config : configs) {
                Files.createDirectories(config.dataDir());
                started.add(Benchmark.ServerProcess.start(config, heap, jfr && started.isEmpty()));
            }
            return new Nodes(started);
        } catch (Exception e) {
            new Nodes(started).close();
            throw e;
        }
    }

    int size() {
        return servers.size();
    }

    /** The URL of {@code path} on the node that client {@code client} talks to. */
    String url(int client, String path) {
        return servers.get(Math.floorMod(client, servers.size())).url(path);
    }

    /** What each node's JVM reports of its heap, one line per node. */
    List<String> heapInfo() {
        List<String> info = new ArrayList<>();
        for (Benchmark.ServerProcess server : servers) {
            info.add(server.heapInfo());
        }
        return info;
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        for (Benchmark.ServerProcess server : servers) {
            try {
                server.close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
