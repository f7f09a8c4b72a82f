package dev.chatgate.server.inbox;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;

class PostgresCrashTest extends CrashTest {

    /** A database of its own: rows other tests left in the shared server must not reach this recorder. */
    @Override
    List<String> storeProperties(Path dir) throws Exception {
        String server = LocalPostgres.url();
        String name = "crash_" + System.nanoTime();
        try (Connection connection = DriverManager.getConnection(server, "postgres", "")) {
            connection.createStatement().execute("CREATE DATABASE " + name);
        }
        // A stable node id, as the README advises: the restarted node gives back its dead run's leases at once.
        return List.of("-Dchatgate.inbox.url=" + server.replace("/postgres?", "/" + name + "?"),
                "-Dchatgate.inbox.node-id=crash-node");
    }
}
