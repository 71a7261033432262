package org.perthensis.web;

import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.perthensis.api.Checks;

/**
 * The secret every request must carry when the server is reachable from other machines. A
 * request may bring it as {@code Authorization: Bearer TOKEN} (Prometheus, curl), as
 * {@code ?token=TOKEN} (a link typed into a browser) or as the cookie the page then sets, so
 * that the browser's event stream, which cannot send headers, carries it too.
 *
 * <p>The comparison takes the same time whatever is sent: both sides are hashed to 32 bytes
 * first, and {@link MessageDigest#isEqual} compares every byte, so neither the length nor the
 * place of a first wrong character can be timed.
 */
final class Token {

    /** No token: every request is let in (a loopback address only). */
    static final Token NONE = new Token(null, null);

    static final String COOKIE = "perthensis_token";

    private final String text;
    private final byte[] digest;

    private Token(String text, byte[] digest) {
        this.text = text;
        this.digest = digest;
    }

    static Token of(String text) {
        return new Token(text, sha256(text));
    }

    /**
     * Reads the token from the first line of a file.
     *
     * @throws org.perthensis.api.FieldException if the file cannot be read or holds no usable token
     */
    static Token fromFile(String field, String file) {
        String line;
        try {
            List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
            line = lines.isEmpty() ? "" : lines.getFirst().strip();
        } catch (NoSuchFileException e) {
            throw Checks.invalid(field, "cannot be read: " + file + " does not exist");
        } catch (IOException | RuntimeException e) {
            throw Checks.invalid(field, "cannot be read: " + file + ": " + e.getMessage());
        }
        if (line.isEmpty()) {
            throw Checks.invalid(field, file + " holds no token: its first line is empty");
        }
        String problem = problem(line);
        if (problem != null) {
            throw Checks.invalid(field, "the token in " + file + " " + problem);
        }
        return of(line);
    }

    /**
     * What is wrong with a token's text, never repeating it, as it is a secret.
     *
     * @return the problem in the form {@code must ..., got ...}, or null if there is none
     */
    static String problem(String token) {
        int n = token.length();
        if (n < WebProvider.Config.MIN_TOKEN) {
            return "must be " + WebProvider.Config.MIN_TOKEN + " characters or more, got " + n
                    + (n == 1 ? " character" : " characters");
        }
        for (int i = 0; i < n; i++) {
            char c = token.charAt(i);
            if (c <= ' ' || c >= 127 || c == ';' || c == ',' || c == '"' || c == '\\') {
                return "must be printable ASCII without spaces, quotes, backslashes, commas or semicolons (it travels"
                        + " in a header, a link and a cookie), got " + (c <= ' ' || c >= 127 ? "another character"
                        : "'" + c + "'") + " at position " + (i + 1);
            }
        }
        return null;
    }

    boolean required() {
        return digest != null;
    }

    /**
     * Whether a request carries the token; with none required, every request does.
     *
     * @param headers the request's headers
     * @param uri the request's URI, for {@code ?token=}
     */
    boolean acceptedBy(Headers headers, URI uri) {
        if (digest == null) {
            return true;
        }
        String offered = offered(headers, uri);
        return offered != null && MessageDigest.isEqual(sha256(offered), digest);
    }

    /** Whether the request brought the token in its link, so the response should set the cookie. */
    static boolean inLink(URI uri) {
        return queryValue(uri) != null;
    }

    /** The cookie that lets the page's event stream in; HttpOnly, so the page's script never sees it. */
    String cookie() {
        return COOKIE + "=" + URLEncoder.encode(text, StandardCharsets.UTF_8) + "; Path=/; HttpOnly; SameSite=Strict";
    }

    private static String offered(Headers headers, URI uri) {
        String auth = headers.getFirst("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).strip();
        }
        String query = queryValue(uri);
        if (query != null) {
            return query;
        }
        for (String cookies : headers.getOrDefault("Cookie", List.of())) {
            for (String cookie : cookies.split(";")) {
                String c = cookie.strip();
                if (c.startsWith(COOKIE + "=")) {
                    return decode(c.substring(COOKIE.length() + 1));
                }
            }
        }
        return null;
    }

    private static String queryValue(URI uri) {
        String query = uri.getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("token=")) {
                return decode(pair.substring(6));
            }
        }
        return null;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // a broken escape: compared as sent, and so refused
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
