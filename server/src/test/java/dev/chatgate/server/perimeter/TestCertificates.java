package dev.chatgate.server.perimeter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates made for a test with the JDK's own keytool: a certificate authority, and key stores whose key is
 * signed by it; PKCS#12 files with one password.
 */
final class TestCertificates {

    static final String PASSWORD = "changeit";

    private final Path dir;

    TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** A new CA's key store (alias "ca"). */
    Path authority(String name) throws IOException, InterruptedException {
        Path store = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "bc:c", "-validity", "2", "-keystore", store.toString());
        return store;
    }

    /** A key store holding a key for {@code name} (alias "key") signed by {@code authority}, and the CA's certificate. */
    Path signedBy(Path authority, String name, String extension) throws IOException, InterruptedException {
        Path store = dir.resolve(name + ".p12");
        Path request = dir.resolve(name + ".csr");
        Path signed = dir.resolve(name + ".crt");
        Path caCert = dir.resolve(name + "-ca.crt");
        keytool("-genkeypair", "-alias", "key", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-validity", "2", "-keystore", store.toString());
        keytool("-certreq", "-alias", "key", "-keystore", store.toString(), "-file", request.toString());
        List<String> gencert = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore", authority.toString(),
                "-infile", request.toString(), "-outfile", signed.toString(), "-validity", "2", "-rfc"));
        if (extension != null) {
            gencert.addAll(List.of("-ext", extension));
        }
        keytool(gencert.toArray(String[]::new));
        keytool("-exportcert", "-alias", "ca", "-keystore", authority.toString(), "-file", caCert.toString(), "-rfc");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-keystore", store.toString(), "-file", caCert.toString());
        keytool("-importcert", "-alias", "key", "-keystore", store.toString(), "-file", signed.toString());
        return store;
    }

    /** A trust store holding only {@code authority}'s certificate. */
    Path trusting(Path authority, String name) throws IOException, InterruptedException {
        Path store = dir.resolve(name + ".p12");
        Path caCert = dir.resolve(name + ".crt");
        keytool("-exportcert", "-alias", "ca", "-keystore", authority.toString(), "-file", caCert.toString(), "-rfc");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-keystore", store.toString(), "-file", caCert.toString());
        return store;
    }

    private void keytool(String... arguments) throws IOException, InterruptedException {
        // The command first, then its options; a PKCS#12 store's keys take the store's password.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString(), arguments[0], "-storetype", "PKCS12", "-storepass", PASSWORD));
        command.addAll(List.of(arguments).subList(1, arguments.length));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", arguments) + " failed: " + output);
        }
    }
}
