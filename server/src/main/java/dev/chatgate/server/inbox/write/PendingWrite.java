package dev.chatgate.server.inbox.write;

import dev.chatgate.server.inbox.store.NewEvent;

import java.util.concurrent.CompletableFuture;

/**
 * An event on its way to the database, the future its request waits on, and its number in the journal (-1 when
 * not journaled).
 */
record PendingWrite(NewEvent event, CompletableFuture<Void> stored, long seq) {

    PendingWrite(NewEvent event) {
        this(event, new CompletableFuture<>(), -1);
    }
}
