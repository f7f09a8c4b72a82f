package dev.chatgate.server.inbox;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real, throwaway PostgreSQL server for tests, started from the machine's PostgreSQL binaries (Debian package
 * {@code postgresql}; .ci/run installs it), or the server named by {@code CHATGATE_TEST_POSTGRES_URL}.
 * As root, the server runs as the {@code postgres} user, since PostgreSQL refuses to run as root.
 */
final class LocalPostgres {

    private static LocalPostgres shared;

    private final Path bin;
    private final Path dataDir;
    private final int port;
    private final boolean asPostgresUser;

    private LocalPostgres(Path bin, Path dataDir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** The JDBC URL of the shared test server, starting it on first use. */
    static synchronized String url() {
        String external = System.getenv("CHATGATE_TEST_POSTGRES_URL");
        if (external != null && !external.isBlank()) {
            return external;
        }
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::destroy));
        }
        return shared.jdbcUrl();
    }

    /** The shared server, for tests that stop and restart it (not available with an external URL). */
    static synchronized LocalPostgres server() {
        url();
        if (shared == null) {
            throw new IllegalStateException("CHATGATE_TEST_POSTGRES_URL points at an external server that tests cannot stop");
        }
        return shared;
    }

    /** A new, empty database on the shared test server, for a test that needs tables no other test writes to. */
    static String newDatabase(String prefix) throws SQLException {
        String database = prefix + "_" + System.nanoTime();
        try (Connection admin = DriverManager.getConnection(url(), "postgres", "")) {
            admin.setAutoCommit(true);
            admin.createStatement().execute("CREATE DATABASE " + database);
        }
        return url().replace("/postgres?", "/" + database + "?");
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?connectTimeout=2&socketTimeout=10";
    }

    private static LocalPostgres start() {
        Path bin = findBinaries();
        try {
            boolean root = "root".equals(System.getProperty("user.name"));
            Path dir = Files.createTempDirectory("chatgate-pg-");
            LocalPostgres pg = new LocalPostgres(bin, dir, freePort(), root);
            if (root) {
                run(List.of("chown", "-R", "postgres:postgres", dir.toString()), Duration.ofSeconds(10));
            }
            pg.asUser(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "postgres",
                    "-A", "trust", "-E", "UTF8", "--no-instructions"), Duration.ofSeconds(60));
            pg.startServer();
            return pg;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot prepare a PostgreSQL data directory", e);
        }
    }

    void startServer() {
        asUser(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.resolve("data").toString(), "-w", "-t", "60",
                "-l", dataDir.resolve("server.log").toString(), "-o",
                "-p " + port + " -k " + dataDir + " -c listen_addresses=127.0.0.1 -c max_connections=200", "start"),
                Duration.ofSeconds(70));
    }

    void stopServer() {
        asUser(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.resolve("data").toString(), "-w", "-m", "fast",
                "stop"), Duration.ofSeconds(60));
    }

    private void destroy() {
        try {
            stopServer();
        } catch (RuntimeException ignored) {
            // Already stopped.
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temp directory left behind is harmless.
        }
    }

    private void asUser(List<String> command, Duration timeout) {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full, timeout);
    }

    private static void run(List<String> command, Duration timeout) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + new String(output));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted running " + command.get(0), e);
        }
    }

    private static Path findBinaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                var found = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.naturalOrder());
                if (found.isPresent()) {
                    return found.get();
                }
            } catch (IOException ignored) {
                // Fall through to the explanation below.
            }
        }
        throw new IllegalStateException("No PostgreSQL server binaries under /usr/lib/postgresql: install the Debian "
                + "package postgresql (.ci/run does), or set CHATGATE_TEST_POSTGRES_URL to a server you run");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
