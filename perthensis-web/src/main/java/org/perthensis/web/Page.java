package org.perthensis.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The status page: one file with its style and script inside, nothing fetched from elsewhere
 * (the device may be offline), read once. Its content security policy allows exactly that
 * style and that script, by their hashes, and connections back to this device only.
 */
final class Page {

    static final byte[] BYTES = load();
    static final String POLICY = policy(new String(BYTES, StandardCharsets.UTF_8));

    private Page() {
    }

    private static byte[] load() {
        try (InputStream in = Page.class.getResourceAsStream("page.html")) {
            if (in == null) {
                throw new IllegalStateException("page.html is missing from perthensis-web.jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String policy(String html) {
        return "default-src 'none'; style-src " + hash(html, "style") + "; script-src " + hash(html, "script")
                + "; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    private static String hash(String html, String element) {
        Matcher m = Pattern.compile("<" + element + ">(.*?)</" + element + ">", Pattern.DOTALL).matcher(html);
        if (!m.find()) {
            return "'none'";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(m.group(1).getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
