package dev.chatgate.server.hostile;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** One hostile input: its name (the dynamic test's), how it is sent, and what must come back. */
record HostileCase(String name, Probe probe, Expect expect) {

    /** Tencent waits 2 s; a case gets 3 s to be answered or closed. */
    static final Duration DEADLINE = Duration.ofSeconds(3);

    @FunctionalInterface
    interface Probe {
        RawAnswer send(RawHttp http) throws IOException;
    }

    static HostileCase of(String name, RawRequest request, Expect expect) {
        return raw(name, request.bytes(), expect);
    }

    static HostileCase raw(String name, byte[] bytes, Expect expect) {
        return new HostileCase(name, http -> http.exchange(bytes, 1, DEADLINE).get(0), expect);
    }

    /** Sent in parts with a pause between them; the output is shut after the last when {@code halfClose}. */
    static HostileCase slow(String name, List<byte[]> parts, Duration pause, boolean halfClose, Expect expect) {
        return new HostileCase(name, http -> http.exchange(parts, pause, 1, DEADLINE, halfClose).get(0), expect);
    }

    @Override
    public String toString() {
        return name;
    }
}
