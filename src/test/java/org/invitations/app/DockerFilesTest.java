package org.invitations.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs here, so the compose file is checked for what can go wrong without one: it
 * parses, it has the database, two nodes and the balancer, the nodes' environment is one the service
 * accepts, and HAProxy checks the health path on the port the nodes listen on.
 */
class DockerFilesTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compose() throws Exception {
        return new Yaml().load(Files.readString(Path.of("docker/compose.yaml")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeHasPostgresTwoNodesAndABalancerWithAnEnvironmentTheServiceAccepts() throws Exception {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");

        assertEquals(List.of("postgres", "node1", "node2", "balancer"), List.copyOf(services.keySet()));
        for (String node : List.of("node1", "node2")) {
            Map<String, String> environment = (Map<String, String>) ((Map<String, Object>) services.get(node))
                    .get("environment");
            ServerConfig config = ServerConfig.from(new String[0], environment);
            assertEquals("jdbc:postgresql://postgres:5432/invitations", config.effectiveJdbcUrl(), node);
            assertEquals(ServerConfig.DEFAULT_PORT, config.port(), node + " listens where HAProxy sends");
        }
        Map<String, Object> postgres = (Map<String, Object>) services.get("postgres");
        Map<String, String> database = (Map<String, String>) postgres.get("environment");
        Map<String, String> node = (Map<String, String>) ((Map<String, Object>) services.get("node1")).get("environment");
        assertEquals(database.get("POSTGRES_PASSWORD"), node.get("INVITATIONS_JDBC_PASSWORD"));
        assertEquals(database.get("POSTGRES_USER"), node.get("INVITATIONS_JDBC_USER"));
    }

    /** The nodes believe the balancer's X-Forwarded-For, and only the balancer's, for the login throttle. */
    @Test
    @SuppressWarnings("unchecked")
    void theNodesTrustTheBalancersForwardedForAndNoOneElses() throws Exception {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        Map<String, Object> networks = (Map<String, Object>) ((Map<String, Object>) services.get("balancer"))
                .get("networks");
        String balancer = (String) ((Map<String, Object>) networks.get("default")).get("ipv4_address");

        for (String node : List.of("node1", "node2")) {
            Map<String, String> environment = (Map<String, String>) ((Map<String, Object>) services.get(node))
                    .get("environment");
            assertEquals(List.of(balancer), ServerConfig.from(new String[0], environment).trustedProxies(), node);
        }
        assertTrue(Files.readString(Path.of("docker/haproxy.cfg")).contains("option forwardfor\n"));
    }

    @Test
    void haproxyChecksTheHealthPathOfBothNodesOnTheirPort() throws Exception {
        String haproxy = Files.readString(Path.of("docker/haproxy.cfg"));

        assertTrue(haproxy.contains("option httpchk GET /health"), haproxy);
        assertTrue(haproxy.contains("server node1 node1:" + ServerConfig.DEFAULT_PORT + " check"), haproxy);
        assertTrue(haproxy.contains("server node2 node2:" + ServerConfig.DEFAULT_PORT + " check"), haproxy);
    }

    /** A request that never reached a node goes to the other one; one that reached a node is never replayed. */
    @Test
    void haproxyRedispatchesOnlyConnectionFailures() throws Exception {
        String haproxy = Files.readString(Path.of("docker/haproxy.cfg"));

        assertTrue(haproxy.contains("option redispatch"), haproxy);
        assertTrue(haproxy.contains("retry-on conn-failure\n"), haproxy);
    }
}
