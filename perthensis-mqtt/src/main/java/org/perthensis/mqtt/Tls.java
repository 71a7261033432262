package org.perthensis.mqtt;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/** The TLS settings read from their PEM files: the CA to trust, and this device's certificate and key. */
final class Tls {
    private static final Pattern PEM_KEY = Pattern.compile(
            "-----BEGIN ([A-Z ]*PRIVATE KEY)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final char[] NO_PASSWORD = new char[0];

    /**
     * What the client needs: each part null for the Java runtime's default.
     *
     * @param trust the certificate authorities to trust, or null for the runtime's own
     * @param keys this device's certificate and key, or null for none
     */
    record Context(TrustManagerFactory trust, KeyManagerFactory keys) {
    }

    private Tls() {
    }

    /** Reads the files; fails with a {@link LinkFailure.Kind#SETUP} failure naming the field and the file. */
    static Context load(MqttConfig.Tls tls) throws LinkFailure {
        if (tls == null) {
            return null;
        }
        try {
            TrustManagerFactory trust = null;
            if (tls.ca() != null) {
                KeyStore store = emptyStore();
                int i = 0;
                for (Certificate c : certificates("tls.ca", tls.ca())) {
                    store.setCertificateEntry("ca-" + i++, c);
                }
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(store);
            }
            KeyManagerFactory keys = null;
            if (tls.cert() != null) {
                Collection<? extends Certificate> chain = certificates("tls.cert", tls.cert());
                KeyStore store = emptyStore();
                store.setKeyEntry("device", privateKey(tls.key()), NO_PASSWORD, chain.toArray(Certificate[]::new));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, NO_PASSWORD);
            }
            return new Context(trust, keys);
        } catch (GeneralSecurityException e) {
            throw new LinkFailure(LinkFailure.Kind.SETUP, "TLS: " + e.getMessage());
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return store;
    }

    private static Collection<? extends Certificate> certificates(String field, String file) throws LinkFailure {
        byte[] pem = read(field, file);
        try {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem));
            if (certs.isEmpty()) {
                throw new LinkFailure(LinkFailure.Kind.SETUP, field + " " + file + " holds no certificate; give a"
                        + " PEM file (-----BEGIN CERTIFICATE-----)");
            }
            return certs;
        } catch (GeneralSecurityException e) {
            throw new LinkFailure(LinkFailure.Kind.SETUP, field + " " + file + " is not a PEM certificate: "
                    + e.getMessage());
        }
    }

    private static PrivateKey privateKey(String file) throws LinkFailure {
        String pem = new String(read("tls.key", file), StandardCharsets.US_ASCII);
        Matcher m = PEM_KEY.matcher(pem);
        if (!m.find()) {
            throw new LinkFailure(LinkFailure.Kind.SETUP, "tls.key " + file + " holds no private key; give a PEM"
                    + " file (-----BEGIN PRIVATE KEY-----)");
        }
        if (!m.group(1).equals("PRIVATE KEY")) {
            throw new LinkFailure(LinkFailure.Kind.SETUP, "tls.key " + file + " is a " + m.group(1).toLowerCase(java.util.Locale.ROOT)
                    + "; give an unencrypted PKCS#8 key, as `openssl pkcs8 -topk8 -nocrypt -in " + file
                    + " -out key.pem` makes");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(2));
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "EdDSA")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisOne) {
                // try the next algorithm: PKCS#8 names it inside, but the JDK wants it named first
            }
        }
        throw new LinkFailure(LinkFailure.Kind.SETUP, "tls.key " + file + ": not an RSA, EC or Ed25519 private key");
    }

    private static byte[] read(String field, String file) throws LinkFailure {
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (NoSuchFileException e) {
            throw new LinkFailure(LinkFailure.Kind.SETUP, field + " " + file + " does not exist");
        } catch (IOException | SecurityException e) {
            throw new LinkFailure(LinkFailure.Kind.SETUP, "cannot read " + field + " " + file + ": " + e.getMessage());
        }
    }
}
