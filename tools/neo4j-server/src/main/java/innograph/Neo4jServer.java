package innograph;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionException;

/**
 * A Neo4j 5 server on 127.0.0.1: the embedded DBMS with its Bolt connector and authentication.
 *
 * <p>Arguments: the home folder (data and logs go there) and the Bolt port (0: a free one).
 * The password of the user neo4j comes from the environment (NEO4J_PASSWORD). When the
 * server answers, the port is written to HOME/bolt.port; SIGTERM shuts it down cleanly.
 */
public final class Neo4jServer {
    private Neo4jServer() {}

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Exception | Error failure) {
            // Neo4j's own threads would keep the JVM up: a failed start must end the process
            failure.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: Neo4jServer HOME PORT");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        String password = System.getenv().getOrDefault("NEO4J_PASSWORD", "");
        if (password.length() < 8) {
            System.err.println("NEO4J_PASSWORD must be set to a password of 8 characters or more");
            System.exit(2);
        }
        if (port == 0) {
            port = freePort();
        }
        Files.createDirectories(home);
        Files.deleteIfExists(home.resolve("bolt.port"));
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, 512L * 1024 * 1024)
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ZERO)
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "neo4j-shutdown"));
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        // the embedded API acts as the DBMS itself: it may set the password without knowing the old one
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        } catch (QueryExecutionException sameAsBefore) {
            // a restart with the password it already has ("Old password and new password cannot be the same")
            if (!String.valueOf(sameAsBefore.getMessage()).contains("cannot be the same")) {
                throw sameAsBefore;
            }
        }
        dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
        Files.writeString(home.resolve("bolt.port"), Integer.toString(port), StandardCharsets.UTF_8);
        System.out.println("NEO4J_URI=bolt://127.0.0.1:" + port);
        System.out.flush();
        Thread.currentThread().join();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }
}
