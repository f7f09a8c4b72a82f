package dev.chatgate.server.inbox;

import dev.chatgate.api.Callback;
import dev.chatgate.api.UnhandledCallbackListener;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * The crash test's listener, in the service process: appends each event id to a file, once. It is idempotent
 * the way a careful listener is: it skips an id it already recorded (a redelivery after a crash). With
 * {@code chatgate.test.deliveries-file} it also appends every delivery, redeliveries included, to that file.
 */
@Singleton
@Requires(property = "chatgate.test.record-file")
public final class CrashRecorder implements UnhandledCallbackListener {

    private final Path file;
    private final Path deliveries;
    private final Set<String> recorded = new HashSet<>();

    public CrashRecorder(@Value("${chatgate.test.record-file}") String file,
                         @Value("${chatgate.test.deliveries-file:}") String deliveries) throws IOException {
        this.file = Path.of(file);
        this.deliveries = deliveries.isEmpty() ? null : Path.of(deliveries);
        if (Files.exists(this.file)) {
            recorded.addAll(Files.readAllLines(this.file, StandardCharsets.UTF_8));
        }
    }

    @Override
    public synchronized void onUnhandled(Callback<?> callback, Reason reason) throws IOException {
        if (deliveries != null) {
            Files.writeString(deliveries, callback.eventId() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        if (recorded.add(callback.eventId())) {
            Files.writeString(file, callback.eventId() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}
