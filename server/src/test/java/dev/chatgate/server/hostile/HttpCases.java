package dev.chatgate.server.hostile;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.chatgate.server.hostile.HostileTarget.BODY;
import static dev.chatgate.server.hostile.HostileTarget.genuine;
import static dev.chatgate.server.hostile.HostileTarget.utf8;

/** The HTTP layer, written as raw bytes: methods, paths, framing, headers, slow and pipelined requests, garbage. */
final class HttpCases {

    private static final Expect BAD_REQUEST = Expect.failOrClose(400, "");

    private HttpCases() {
    }

    static List<HostileCase> all() {
        List<HostileCase> cases = new ArrayList<>();
        cases.addAll(methodsAndPaths());
        cases.addAll(framing());
        cases.addAll(headers());
        cases.addAll(timing());
        cases.addAll(garbage());
        return cases;
    }

    private static List<HostileCase> methodsAndPaths() {
        List<HostileCase> cases = new ArrayList<>();
        for (String method : List.of("GET", "PUT", "DELETE", "PATCH", "TRACE", "FOO")) {
            cases.add(HostileCase.of("http: method " + method, genuine().method(method),
                    Expect.fail(405, "callbacks are POSTed; " + method + " is not allowed")));
        }
        cases.add(HostileCase.of("http: method HEAD", genuine().method("HEAD"), Expect.statusOnly(405)));
        cases.add(HostileCase.of("http: method in lower case", genuine().method("post"), Expect.ok()));
        String query = HostileTarget.query().target().substring(1);
        cases.add(HostileCase.of("http: path elsewhere", genuine().target("/nowhere" + query), Expect.fail(404, "no callback endpoint at /nowhere")));
        cases.add(HostileCase.of("http: path with dot segments", genuine().target("/a/../../" + query), Expect.fail(404, "no callback endpoint")));
        cases.add(HostileCase.of("http: path overlong", genuine().target("/" + "z".repeat(3000) + query), Expect.fail(404, "no callback endpoint")));
        cases.add(HostileCase.of("http: path in raw UTF-8", genuine().target("/回调" + query), Expect.fail(400, "malformed request URI")));
        cases.add(HostileCase.of("http: path with an encoded NUL", genuine().target("/%00" + query), Expect.fail(404, "no callback endpoint")));
        cases.add(HostileCase.of("http: request line over 4 KiB", genuine().target("/" + query + "&Pad=" + "p".repeat(5000)),
                Expect.fail(413, "request line or headers are longer than")));
        cases.add(HostileCase.of("http: absolute-form target", genuine().target("http://localhost/" + query), Expect.ok()));
        cases.add(HostileCase.of("http: asterisk target", genuine().target("*"), Expect.fail(404, "no callback endpoint at *")));
        cases.add(HostileCase.of("http: HTTP/1.0", genuine().version("HTTP/1.0"), Expect.ok()));
        cases.add(HostileCase.of("http: HTTP/1.0 without Host", genuine().version("HTTP/1.0").replaceHeader("Host", null), Expect.ok()));
        cases.add(HostileCase.of("http: HTTP/1.1 without Host", genuine().replaceHeader("Host", null), Expect.ok()));
        cases.add(HostileCase.of("http: version HTTP/2.0 in text", genuine().version("HTTP/2.0"), Expect.ok()));
        cases.add(HostileCase.of("http: version HTTP/9.9", genuine().version("HTTP/9.9"), Expect.ok()));
        cases.add(HostileCase.of("http: version in lower case", genuine().version("http/1.1"), Expect.ok()));
        cases.add(HostileCase.of("http: version missing", genuine().version(""), BAD_REQUEST));
        return cases;
    }

    private static List<HostileCase> framing() {
        List<HostileCase> cases = new ArrayList<>();
        int length = utf8(BODY).length;
        cases.add(HostileCase.of("http: Content-Length short by one", genuine().header("Content-Length: " + (length - 1)),
                Expect.fail(400, "body is not valid JSON")));
        cases.add(HostileCase.of("http: Content-Length of zero", genuine().header("Content-Length: 0"), Expect.fail(400, "empty body")));
        cases.add(HostileCase.of("http: no Content-Length and no chunking", genuine().noContentLength(), Expect.fail(400, "empty body")));
        cases.add(HostileCase.slow("http: Content-Length longer than the body, then half-closed",
                List.of(genuine().header("Content-Length: " + (length + 10)).bytes()), Duration.ZERO, true, Expect.close()));
        cases.add(HostileCase.of("http: Content-Length not a number", genuine().header("Content-Length: ten"), BAD_REQUEST));
        cases.add(HostileCase.of("http: Content-Length negative", genuine().header("Content-Length: -1"), BAD_REQUEST));
        cases.add(HostileCase.of("http: Content-Length past a long", genuine().header("Content-Length: 99999999999999999999"), BAD_REQUEST));
        cases.add(HostileCase.of("http: two different Content-Lengths", genuine().header("Content-Length: " + length)
                .header("Content-Length: 3"), BAD_REQUEST));
        cases.add(HostileCase.of("http: Content-Length over the limit", genuine().header("Content-Length: " + (HostileTarget.MAX_BODY_BYTES + 1)),
                Expect.failOrClose(413, "larger than the limit")));
        cases.add(HostileCase.of("http: chunked", chunked(BODY, 7, ""), Expect.ok()));
        cases.add(HostileCase.of("http: chunked, one byte a chunk", chunked(BODY, 1, ""), Expect.ok()));
        cases.add(HostileCase.of("http: chunked with a trailer", chunked(BODY, 50, "X-Trailer: 1\r\n"), Expect.ok()));
        for (String extension : List.of(";ext", ";e=\"q\"")) {
            cases.add(HostileCase.of("http: a chunk extension " + extension, chunkWithExtension(extension), Expect.ok()));
        }
        // Netty 4.2.12 refuses these extensions as invalid and Micronaut then passes on an empty body: still a 400,
        // though the reason names the effect, not the cause.
        for (String extension : List.of(";ext=1", " ;ext=1")) {
            cases.add(HostileCase.of("http: a chunk extension " + extension, chunkWithExtension(extension),
                    Expect.fail(400, "empty body")));
        }
        cases.add(HostileCase.of("http: chunk size not hex", genuine().header("Transfer-Encoding: chunked").body("zz\r\n{}\r\n0\r\n\r\n"), BAD_REQUEST));
        cases.add(HostileCase.slow("http: chunked without the last chunk, then half-closed",
                List.of(genuine().header("Transfer-Encoding: chunked").body("5\r\n{\"a\":\r\n").bytes()), Duration.ZERO, true, Expect.close()));
        cases.add(HostileCase.of("http: chunked and Content-Length both", genuine().header("Transfer-Encoding: chunked")
                .header("Content-Length: 3").body(chunkedBody(BODY, 20, "")), Expect.ok()));
        cases.add(HostileCase.of("http: chunked, over the limit", chunked("{\"Pad\":\"" + "x".repeat(HostileTarget.MAX_BODY_BYTES) + "\"}", 8192, ""),
                Expect.failOrClose(413, "larger than the limit")));
        cases.add(HostileCase.of("http: Transfer-Encoding unknown", genuine().header("Transfer-Encoding: gzip"), Expect.failOrClose(400, "")));
        cases.add(new HostileCase("http: two callbacks pipelined", http -> {
            List<RawAnswer> answers = http.exchange(concat(genuine().replaceHeader("Connection", "Connection: keep-alive").bytes(),
                    genuine().bytes()), 2, HostileCase.DEADLINE);
            return answers.size() == 2 && answers.get(0).status() == 200 ? answers.get(1) : answers.get(0);
        }, Expect.ok()));
        cases.add(new HostileCase("http: a refused callback pipelined before a genuine one", http -> {
            List<RawAnswer> answers = http.exchange(concat(HostileTarget.withBody("[1]").replaceHeader("Connection", "Connection: keep-alive").bytes(),
                    genuine().bytes()), 2, HostileCase.DEADLINE);
            return answers.size() == 2 && answers.get(0).status() == 400 ? answers.get(1) : answers.get(0);
        }, Expect.ok()));
        cases.add(new HostileCase("http: a genuine callback pipelined before garbage", http -> http.exchange(concat(
                genuine().replaceHeader("Connection", "Connection: keep-alive").bytes(), utf8("\u0016\u0003\u0001garbage\r\n\r\n")),
                1, HostileCase.DEADLINE).get(0), Expect.ok()));
        return cases;
    }

    private static List<HostileCase> headers() {
        List<HostileCase> cases = new ArrayList<>();
        for (String encoding : List.of("gzip", "deflate", "x-gzip", "x-deflate", "snappy")) {
            cases.add(HostileCase.of("http: Content-Encoding " + encoding + " on plain JSON",
                    genuine().header("Content-Encoding: " + encoding), Expect.fail(400, "body is not encoded as its Content-Encoding says")));
        }
        // Netty decodes only the encodings it has a decoder for; any other leaves the body as it came.
        for (String encoding : List.of("br", "zstd", "gzip, gzip", "compress", "nonsense")) {
            cases.add(HostileCase.of("http: Content-Encoding " + encoding + " on plain JSON, read as it came",
                    genuine().header("Content-Encoding: " + encoding), Expect.ok()));
        }
        cases.add(HostileCase.of("http: Content-Encoding identity", genuine().header("Content-Encoding: identity"), Expect.ok()));
        cases.add(HostileCase.of("http: a gzipped body, said so", HostileTarget.withBody(gzip(BODY)).header("Content-Encoding: gzip"), Expect.ok()));
        cases.add(HostileCase.of("http: a gzipped body cut short", HostileTarget.withBody(java.util.Arrays.copyOf(gzip(BODY), 30))
                .header("Content-Encoding: gzip"), Expect.fail(400, "empty body")));
        for (String type : List.of("application/json; charset=nope", "application/json; charset=", "application/json; charset=\"\"",
                "application/json; charset=x-\u00e9", "text/plain; charset=utf-99", "application/json; charset=%%%")) {
            cases.add(HostileCase.of("http: Content-Type " + type, genuine().replaceHeader("Content-Type", "Content-Type: " + type),
                    Expect.fail(400, "Content-Type names an unknown charset")));
        }
        for (String type : List.of("application/json; charset=UTF-8", "application/json; charset=utf-8", "text/plain",
                "application/octet-stream", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "text/html", "nonsense", "application/json; a=b; c", "application/json; charset=ISO-8859-1")) {
            cases.add(HostileCase.of("http: Content-Type " + type, genuine().replaceHeader("Content-Type", "Content-Type: " + type), Expect.ok()));
        }
        cases.add(HostileCase.of("http: no Content-Type", genuine().replaceHeader("Content-Type", null), Expect.ok()));
        for (String origin : List.of("https://evil.example", "null", "http://localhost:1")) {
            cases.add(HostileCase.of("http: Origin " + origin, genuine().header("Origin: " + origin),
                    Expect.ok()));
        }
        cases.add(HostileCase.of("http: 200 small headers", flood(genuine(), 200, 10), Expect.ok()));
        cases.add(HostileCase.of("http: 2000 small headers", flood(genuine(), 2000, 10), Expect.fail(413, "headers are longer than")));
        cases.add(HostileCase.of("http: one 10 KB header", genuine().header("X-Big: " + "b".repeat(10_000)), Expect.fail(413, "headers are longer than")));
        cases.add(HostileCase.of("http: a header without a colon", genuine().header("NoColonHere"), BAD_REQUEST));
        cases.add(HostileCase.of("http: a header with a space before the colon", genuine().header("X-Space : 1"), BAD_REQUEST));
        cases.add(HostileCase.of("http: a header in raw UTF-8", genuine().header("X-Name: 名前"), Expect.ok()));
        cases.add(HostileCase.of("http: Expect 100-continue", genuine().header("Expect: 100-continue"), Expect.ok()));
        cases.add(HostileCase.of("http: Expect something else", genuine().header("Expect: teapot"), Expect.ok()));
        cases.add(HostileCase.of("http: Connection upgrade to h2c", genuine().replaceHeader("Connection", "Connection: Upgrade, HTTP2-Settings")
                .header("Upgrade: h2c").header("HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA"), Expect.ok()));
        cases.add(HostileCase.of("http: Connection upgrade to websocket", genuine().replaceHeader("Connection", "Connection: Upgrade")
                .header("Upgrade: websocket"), Expect.fail(404, "no callback endpoint")));
        return cases;
    }

    private static List<HostileCase> timing() {
        byte[] whole = genuine().bytes();
        int third = whole.length / 3;
        List<byte[]> thirds = List.of(Arrays.copyOfRange(whole, 0, third), Arrays.copyOfRange(whole, third, 2 * third),
                Arrays.copyOfRange(whole, 2 * third, whole.length));
        byte[] head = genuine().head();
        return List.of(
                HostileCase.slow("http: a request sent in three parts, 300 ms apart", thirds, Duration.ofMillis(300), false, Expect.ok()),
                HostileCase.slow("http: half a request line, then half-closed", List.of(utf8("POST /?SdkApp")), Duration.ZERO, true, Expect.close()),
                HostileCase.slow("http: the head without its body, then half-closed", List.of(head), Duration.ZERO, true, Expect.close()),
                HostileCase.slow("http: half the body, then half-closed", List.of(head, utf8(BODY.substring(0, 20))),
                        Duration.ofMillis(100), true, Expect.close()));
    }

    private static List<HostileCase> garbage() {
        List<HostileCase> cases = new ArrayList<>();
        cases.add(HostileCase.raw("http: garbage, a TLS ClientHello", new byte[]{0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01, 0x00, 0x00,
                (byte) 0xa1, 0x03, 0x03, 0x0d, 0x0a, 0x0d, 0x0a}, BAD_REQUEST));
        cases.add(HostileCase.raw("http: garbage, the HTTP/2 preface", utf8("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"), Expect.fail(404, "no callback endpoint at *")));
        cases.add(HostileCase.raw("http: garbage, an SSH banner", utf8("SSH-2.0-OpenSSH_9.6\r\n\r\n"), BAD_REQUEST));
        cases.add(HostileCase.slow("http: garbage, NULs, then half-closed", List.of(new byte[64]), Duration.ZERO, true, Expect.close()));
        cases.add(HostileCase.raw("http: garbage, random bytes", random(512), BAD_REQUEST));
        cases.add(HostileCase.raw("http: garbage, a JSON body without a request", utf8(BODY + "\r\n\r\n"), BAD_REQUEST));
        cases.add(HostileCase.raw("http: garbage, a request line only", utf8("POST\r\n\r\n"), BAD_REQUEST));
        cases.add(HostileCase.slow("http: garbage, blank lines only, then half-closed", List.of(utf8("\r\n\r\n\r\n")), Duration.ZERO, true, Expect.close()));
        cases.add(HostileCase.raw("http: garbage, LF line ends", utf8(new String(genuine().bytes(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\r\n", "\n")), Expect.fail(400, "request is not well-formed HTTP/1.1")));
        return cases;
    }

    private static RawRequest chunkWithExtension(String extension) {
        return genuine().header("Transfer-Encoding: chunked")
                .body(Integer.toHexString(BODY.length()) + extension + "\r\n" + BODY + "\r\n0\r\n\r\n");
    }

    private static RawRequest chunked(String body, int size, String trailer) {
        return HostileTarget.withBody(chunkedBody(body, size, trailer)).header("Transfer-Encoding: chunked");
    }

    private static byte[] chunkedBody(String body, int size, String trailer) {
        byte[] bytes = utf8(body);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int from = 0; from < bytes.length; from += size) {
            int n = Math.min(size, bytes.length - from);
            out.writeBytes(utf8(Integer.toHexString(n) + "\r\n"));
            out.write(bytes, from, n);
            out.writeBytes(utf8("\r\n"));
        }
        out.writeBytes(utf8("0\r\n" + trailer + "\r\n"));
        return out.toByteArray();
    }

    private static RawRequest flood(RawRequest request, int count, int length) {
        for (int i = 0; i < count; i++) {
            request.header("X-Flood-" + i + ": " + "f".repeat(length));
        }
        return request;
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var gzip = new java.util.zip.GZIPOutputStream(out)) {
            gzip.write(utf8(text));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        new java.util.Random(22).nextBytes(bytes);
        return bytes;
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] out = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, out, first.length, second.length);
        return out;
    }
}
