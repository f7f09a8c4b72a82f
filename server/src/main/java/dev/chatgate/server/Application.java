package dev.chatgate.server;

import io.micronaut.runtime.Micronaut;

/** Starts the callback service. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
