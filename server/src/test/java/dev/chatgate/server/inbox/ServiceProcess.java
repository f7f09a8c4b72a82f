package dev.chatgate.server.inbox;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The service as a process of its own, on the tests' classpath, on a free port, its output appended to
 * {@code service.log} in its directory; {@link CrashRecorder} appends what it is delivered to a file there.
 */
final class ServiceProcess {

    private final List<String> launch;
    private final Path dir;
    private final int port;

    /** @param properties system properties beside the port, the dev environment and the recorder's files */
    ServiceProcess(Path dir, List<String> properties) throws IOException {
        this.dir = dir;
        this.port = freePort();
        launch = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dmicronaut.server.port=" + port,
                "-Dmicronaut.environments=dev",
                "-Dchatgate.inbox.poll-interval=10ms",
                "-Dchatgate.test.record-file=" + recorded().toAbsolutePath(),
                "-Dchatgate.test.deliveries-file=" + deliveries().toAbsolutePath(),
                "-Dlogback.configurationFile=" + Path.of("src/test/resources/logback-test.xml").toAbsolutePath()));
        launch.addAll(properties);
        launch.add("dev.chatgate.server.Application");
    }

    String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    /** Each event id the listener recorded, once: a careful listener skips a redelivery. */
    Path recorded() {
        return dir.resolve("delivered.txt");
    }

    /** Each delivery's event id, redeliveries included. */
    Path deliveries() {
        return dir.resolve("deliveries.txt");
    }

    Path log() {
        return dir.resolve("service.log");
    }

    /** Starts the service and waits until it answers its health check. */
    Process start() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(launch).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create(url() + "health")).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("service exited with " + process.exitValue() + "; see " + log());
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("service did not start within 60 s; see " + log());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
