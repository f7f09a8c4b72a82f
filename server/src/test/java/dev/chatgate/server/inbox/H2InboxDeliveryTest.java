package dev.chatgate.server.inbox;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(environments = RecordingListener.ENV)
class H2InboxDeliveryTest extends InboxDeliveryContract {

    @Inject
    InboxJournal journal;

    @Override
    Map<String, String> database() {
        return Map.of("chatgate.inbox.data-dir", "target/test-inbox/delivery-" + System.nanoTime());
    }

    /**
     * The embedded store answers once the event is in its journal; a journal file is deleted only after its events
     * are in the tables, so the journal is read first.
     */
    @Override
    void assertStoredWhenAnswered(String dedupeKey, long before) throws Exception {
        List<NewEvent> journaled = new ArrayList<>();
        for (Path file : journal.journal().orElseThrow().files()) {
            try {
                JournalRecords.readInto(file, journaled);
            } catch (NoSuchFileException released) {
                // Its events are in the tables.
            }
        }
        if (journaled.stream().noneMatch(e -> e.dedupeKey().equals(dedupeKey))) {
            super.assertStoredWhenAnswered(dedupeKey, before);
        }
    }
}
