package dev.chatgate.server.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An HTTP/1.1 request written byte for byte: any method, target, version, header (repeated, missing, lying) and
 * body. Content-Length is the body's length unless a header of that name is given.
 */
final class RawRequest {

    private String method = "POST";
    private String target = "/";
    private String version = "HTTP/1.1";
    private final List<String> headers = new ArrayList<>(List.of("Host: localhost", "Connection: close",
            "Content-Type: application/json"));
    private byte[] body = new byte[0];
    private boolean contentLength = true;

    static RawRequest post(String target) {
        return new RawRequest().target(target);
    }

    RawRequest method(String value) {
        this.method = value;
        return this;
    }

    RawRequest target(String value) {
        this.target = value;
        return this;
    }

    RawRequest version(String value) {
        this.version = value;
        return this;
    }

    RawRequest header(String line) {
        if (line.regionMatches(true, 0, "Content-Length:", 0, 15) || line.regionMatches(true, 0, "Transfer-Encoding:", 0, 18)) {
            contentLength = false;
        }
        headers.add(line);
        return this;
    }

    /** Replaces every header of this name (case-insensitive) by the line, or removes them when the line is null. */
    RawRequest replaceHeader(String name, String line) {
        headers.removeIf(h -> h.regionMatches(true, 0, name + ":", 0, name.length() + 1));
        return line == null ? this : header(line);
    }

    RawRequest noContentLength() {
        contentLength = false;
        return this;
    }

    RawRequest body(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    RawRequest body(byte[] bytes) {
        this.body = bytes;
        return this;
    }

    byte[] head() {
        StringBuilder out = new StringBuilder().append(method).append(' ').append(target).append(' ').append(version)
                .append("\r\n");
        headers.forEach(h -> out.append(h).append("\r\n"));
        if (contentLength) {
            out.append("Content-Length: ").append(body.length).append("\r\n");
        }
        return out.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head());
        out.writeBytes(body);
        return out.toByteArray();
    }
}
