package org.perthensis.mqtt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A certificate authority made by the test with Debian's {@code openssl}, and certificates it signs. */
final class TestCa {
    final Path dir;
    final Path cert;
    private final Path key;

    private TestCa(Path dir) {
        this.dir = dir;
        this.cert = dir.resolve("ca.pem");
        this.key = dir.resolve("ca.key");
    }

    static TestCa make(Path dir, String name) throws IOException, InterruptedException {
        if (Mosquitto.find("openssl").isEmpty()) {
            Mosquitto.unavailable("openssl is not installed; apt-get install openssl");
        }
        Files.createDirectories(dir);
        TestCa ca = new TestCa(dir);
        openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", ca.key.toString(), "-out", ca.cert.toString(), "-days", "2", "-subj", "/CN=" + name);
        return ca;
    }

    /**
     * A key (unencrypted PKCS#8 PEM) and a certificate signed by this CA.
     *
     * @param altNames such as {@code IP:127.0.0.1,DNS:localhost}
     * @return the certificate's file; the key is beside it, {@code <name>.key}
     */
    Path sign(String name, String altNames) throws IOException, InterruptedException {
        Path k = dir.resolve(name + ".key");
        Path csr = dir.resolve(name + ".csr");
        Path crt = dir.resolve(name + ".pem");
        Path ext = Files.writeString(dir.resolve(name + ".ext"), "subjectAltName=" + altNames + "\n");
        openssl(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                k.toString(), "-out", csr.toString(), "-subj", "/CN=" + name);
        openssl(dir, "x509", "-req", "-in", csr.toString(), "-CA", cert.toString(), "-CAkey", key.toString(),
                "-CAcreateserial", "-out", crt.toString(), "-days", "2", "-extfile", ext.toString());
        return crt;
    }

    static Path keyOf(Path certificate) {
        String file = certificate.getFileName().toString();
        return certificate.resolveSibling(file.substring(0, file.length() - ".pem".length()) + ".key");
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Mosquitto.find("openssl").orElseThrow().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, command + " failed:\n" + out);
    }
}
