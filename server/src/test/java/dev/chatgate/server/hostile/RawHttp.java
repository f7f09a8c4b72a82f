package dev.chatgate.server.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bytes written to a real socket as they are, answers read back by hand: the JDK's clients would refuse to send
 * most of what the hostile cases send.
 */
final class RawHttp {

    private final String host;
    private final int port;

    RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Writes the bytes, then reads up to {@code answers} answers, each within what is left of the deadline. */
    List<RawAnswer> exchange(byte[] request, int answers, Duration deadline) throws IOException {
        return exchange(List.of(request), Duration.ZERO, answers, deadline, false);
    }

    /**
     * Writes the parts with a pause between them (a slow or half-sent request), optionally shutting the output
     * after the last, then reads.
     */
    List<RawAnswer> exchange(List<byte[]> parts, Duration pause, int answers, Duration deadline, boolean halfClose)
            throws IOException {
        long start = System.nanoTime();
        List<RawAnswer> out = new ArrayList<>();
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout((int) deadline.toMillis());
            socket.setTcpNoDelay(true);
            OutputStream output = socket.getOutputStream();
            try {
                for (int i = 0; i < parts.size(); i++) {
                    if (i > 0 && !pause.isZero()) {
                        sleep(pause);
                    }
                    output.write(parts.get(i));
                    output.flush();
                }
                if (halfClose) {
                    socket.shutdownOutput();
                }
            } catch (SocketException e) {
                // The server may answer and close before reading everything (a refused header, say): read what it sent.
            }
            InputStream input = socket.getInputStream();
            while (out.size() < answers) {
                RawAnswer answer = readOne(input, start, deadline);
                out.add(answer);
                if (!answer.answered()) {
                    break;
                }
            }
        }
        return out;
    }

    private static RawAnswer readOne(InputStream input, long start, Duration deadline) throws IOException {
        try {
            String statusLine = line(input);
            if (statusLine == null) {
                return RawAnswer.none(true, since(start));
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String header = line(input); header != null && !header.isEmpty(); header = line(input)) {
                int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
            }
            byte[] body;
            if (headers.containsKey("content-length")) {
                body = input.readNBytes(Integer.parseInt(headers.get("content-length")));
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = chunked(input);
            } else {
                body = input.readAllBytes();
            }
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            return new RawAnswer(status, headers, new String(body, StandardCharsets.UTF_8), false, since(start));
        } catch (SocketTimeoutException e) {
            return RawAnswer.none(false, since(start));
        } catch (SocketException e) {
            // A reset after the request: the connection was refused outright, which is a close too.
            return RawAnswer.none(true, since(start));
        }
    }

    private static byte[] chunked(InputStream input) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line(input).trim(), 16); size > 0; size = Integer.parseInt(line(input).trim(), 16)) {
            body.write(input.readNBytes(size));
            line(input);
        }
        line(input);
        return body.toByteArray();
    }

    /** One CRLF-terminated line, or null at the end of the stream before any byte. */
    private static String line(InputStream input) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = input.read()) >= 0) {
            if (b == '\n') {
                break;
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        if (b < 0 && line.size() == 0) {
            return null;
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
