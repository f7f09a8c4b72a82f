package dev.chatgate.server.inbox;

import dev.chatgate.server.inbox.journal.EventJournal;
import dev.chatgate.server.inbox.store.NewEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static dev.chatgate.server.inbox.TestEvents.groupEvent;
import static dev.chatgate.server.inbox.TestKeys.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The inbox journal: what was appended comes back after a kill, whole records only, once; one process at a time. */
class EventJournalTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final long LARGE = 1L << 20;

    @Test
    void eventsAppendedComeBackInOrderWithEveryFieldAfterTheProcessIsGone(@TempDir Path dir) throws IOException {
        NewEvent unicode = new NewEvent("1400000000", "C2C.CallbackAfterSendMsg", key("u"), "c2c:a:b",
                "SdkAppid=1400000000&CallbackCommand=C2C.CallbackAfterSendMsg&ClientIP=1.2.3.4",
                "{\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"你好 👋\"}}]}", NOW + 7);
        List<NewEvent> appended = List.of(groupEvent("a", NOW), unicode, groupEvent("b", NOW + 1));
        try (EventJournal journal = EventJournal.open(dir, LARGE)) {
            assertThat(journal.append(appended.subList(0, 2))).as("the number of the last one appended").isEqualTo(1);
            assertThat(journal.append(appended.subList(2, 3))).isEqualTo(2);
        }

        try (EventJournal reopened = EventJournal.open(dir, LARGE)) {
            assertThat(reopened.recovered()).usingRecursiveFieldByFieldElementComparator()
                    .containsExactlyElementsOf(appended);
            assertThat(reopened.append(List.of(groupEvent("c", NOW)))).as("numbered on after the recovered ones")
                    .isEqualTo(3);
        }
    }

    @Test
    void aRecordTheProcessWasKilledInTheMiddleOfIsLeftOutAndEverythingBeforeItKept(@TempDir Path dir) throws IOException {
        try (EventJournal journal = EventJournal.open(dir, LARGE)) {
            journal.append(List.of(groupEvent("a", NOW), groupEvent("b", NOW)));
            journal.append(List.of(groupEvent("c", NOW)));
        }
        Path file = onlyFile(dir);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(Files.size(file) - 5);
        }

        try (EventJournal reopened = EventJournal.open(dir, LARGE)) {
            assertThat(reopened.recovered()).extracting(NewEvent::orderKey).containsExactly("group-a", "group-b");
        }
    }

    @Test
    void aRecordWhoseBytesDoNotMatchItsChecksumEndsTheReadingThere(@TempDir Path dir) throws IOException {
        try (EventJournal journal = EventJournal.open(dir, LARGE)) {
            journal.append(List.of(groupEvent("a", NOW), groupEvent("b", NOW), groupEvent("c", NOW)));
        }
        Path file = onlyFile(dir);
        byte[] bytes = Files.readAllBytes(file);
        int second = bytes.length / 3 + bytes.length / 6;
        bytes[second] ^= 0x40;
        Files.write(file, bytes);

        try (EventJournal reopened = EventJournal.open(dir, LARGE)) {
            assertThat(reopened.recovered()).extracting(NewEvent::orderKey).containsExactly("group-a");
        }
    }

    @Test
    void aFileIsDeletedOnlyOnceEveryEventInItIsReleasedAndNeverTheOneAppendedTo(@TempDir Path dir) throws IOException {
        try (EventJournal journal = EventJournal.open(dir, 1)) {
            journal.append(List.of(groupEvent("a", NOW), groupEvent("b", NOW)));
            journal.append(List.of(groupEvent("c", NOW)));
            journal.append(List.of(groupEvent("d", NOW)));
            assertThat(journal.files()).as("one file per append at this size").hasSize(3);

            journal.release(0);
            assertThat(journal.files()).as("b, in the first file, is not released yet").hasSize(3);
            journal.release(2);
            assertThat(journal.files()).as("a, b and c are released").hasSize(1);
            journal.release(3);
            assertThat(journal.files()).as("d's file is the one appended to").hasSize(1);
            assertThat(journal.files()).allMatch(Files::exists);
        }

        try (EventJournal reopened = EventJournal.open(dir, 1)) {
            assertThat(reopened.recovered()).extracting(NewEvent::orderKey).containsExactly("group-d");
        }
    }

    @Test
    void whatAPreviousRunLeftStaysUntilReleasedAndNewFilesNeverTakeItsNames(@TempDir Path dir) throws IOException {
        try (EventJournal journal = EventJournal.open(dir, 1)) {
            journal.append(List.of(groupEvent("a", NOW)));
            journal.append(List.of(groupEvent("b", NOW)));
        }
        try (EventJournal reopened = EventJournal.open(dir, 1)) {
            assertThat(reopened.recovered()).hasSize(2);
            List<Path> left = reopened.files().subList(0, 2);
            reopened.append(List.of(groupEvent("c", NOW)));
            assertThat(reopened.files()).as("a, b, then c in a file of its own").hasSize(3).doesNotHaveDuplicates();

            reopened.applied(1);
            reopened.release(reopened.applied());
            assertThat(left).as("the previous run's files, once their events are stored").noneMatch(Files::exists);
        }
        try (EventJournal third = EventJournal.open(dir, 1)) {
            assertThat(third.recovered()).extracting(NewEvent::orderKey).containsExactly("group-c");
        }
    }

    @Test
    void forceSyncsEveryFileStillHeldEvenWhileAnotherThreadReleases(@TempDir Path dir) throws Exception {
        try (EventJournal journal = EventJournal.open(dir, 1)) {
            for (int i = 0; i < 50; i++) {
                journal.append(List.of(groupEvent("e" + i, NOW)));
            }
            Thread releaser = new Thread(() -> journal.release(48));
            releaser.start();
            journal.force();
            releaser.join();
            assertThat(journal.files()).as("the file of the last event, appended to").hasSize(1);
        }
    }

    @Test
    void aJournalInUseIsRefusedToASecondOpenerNamingTheSettingThatSeparatesNodes(@TempDir Path dir) throws IOException {
        try (EventJournal journal = EventJournal.open(dir, LARGE)) {
            journal.append(List.of(groupEvent("a", NOW)));

            assertThatThrownBy(() -> EventJournal.open(dir, LARGE)).isInstanceOf(IOException.class)
                    .hasMessage(dir + " is in use by another process; give each node a data directory of its own"
                            + " (chatgate.inbox.data-dir)");
        }
        try (EventJournal reopened = EventJournal.open(dir, LARGE)) {
            assertThat(reopened.recovered()).as("free again once closed, its event still there").hasSize(1);
        }
    }

    private static Path onlyFile(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            List<Path> all = files.filter(f -> Files.isRegularFile(f) && f.toFile().length() > 0).toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }
}
