package com.example.wordfilter;

import io.micronaut.runtime.Micronaut;

/** Starts chatgate with this application's handler and listener. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
