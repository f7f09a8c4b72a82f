package dev.chatgate.server.inbox;

import dev.chatgate.server.inbox.store.InboxDatabase;
import dev.chatgate.server.inbox.store.InboxStore;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The syncs of a file to the disk while something runs, as the JDK records them: its Flight Recorder emits a
 * {@code jdk.FileForce} event, with the file and the thread, for every {@code FileChannel.force}.
 */
final class FileForces {

    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    /** What a test does with an embedded inbox opened for it. */
    @FunctionalInterface
    interface InboxAction {
        void run(InboxDatabase database, InboxStore store) throws Exception;
    }

    private FileForces() {
    }

    /** The forces of the embedded inbox file by {@code thread} while {@code action} uses the inbox {@code config} opens. */
    static List<RecordedEvent> ofInbox(TestInbox config, String thread, InboxAction action) throws Exception {
        InboxDatabase database = config.database();
        try {
            InboxStore store = config.store(database);
            return of(Path.of(config.store().dataDir(), "inbox.mv.db"), thread, () -> action.run(database, store));
        } finally {
            database.close();
        }
    }

    /** The forces of {@code file} made by {@code thread} while {@code action} ran. */
    static List<RecordedEvent> of(Path file, String thread, Action action) throws Exception {
        Path recorded = Files.createTempFile("forces", ".jfr");
        try {
            try (Recording recording = new Recording()) {
                recording.enable("jdk.FileForce").withThreshold(Duration.ZERO);
                recording.start();
                action.run();
                recording.stop();
                recording.dump(recorded);
            }
            String path = file.toAbsolutePath().toString();
            return RecordingFile.readAllEvents(recorded).stream()
                    .filter(e -> path.equals(e.getString("path")))
                    .filter(e -> e.getThread() != null && thread.equals(e.getThread().getJavaName()))
                    .toList();
        } finally {
            Files.deleteIfExists(recorded);
        }
    }
}
