package org.perthensis.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Headers;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The token: checked on every request and on the event stream, wherever the client puts it. */
class TokenTest {

    private static final String TOKEN = "correct-horse-battery-staple";

    @Test
    void everyRouteRefusesARequestWithoutTheRightTokenAndLogsOneLinePerBurst() throws Exception {
        try (TestDevice device = new TestDevice("{\"token\": \"" + TOKEN + "\"}")) {
            assertTrue(device.log.lines().getFirst().endsWith("; every request needs the token"), device.log.lines()::toString);
            for (String path : List.of("/", "/events", "/metrics", "/health", "/nothing")) {
                HttpResponse<String> missing = device.get(path);
                assertEquals(401, missing.statusCode(), path);
                assertEquals("Bearer realm=\"perthensis\"", missing.headers().firstValue("WWW-Authenticate").orElseThrow());
                assertEquals("this device needs its token: open /?token=YOUR-TOKEN, or send the header Authorization:"
                        + " Bearer YOUR-TOKEN\n", missing.body());
            }
            assertEquals(401, device.get("/metrics", "Authorization", "Bearer " + TOKEN + "x").statusCode(), "longer");
            assertEquals(401, device.get("/metrics", "Authorization", "Bearer " + TOKEN.substring(1)).statusCode(), "shorter");
            assertEquals(401, device.get("/metrics?token=wrong-horse-battery-staple").statusCode(), "wrong, in the link");
            assertEquals(401, device.get("/health", "Cookie", "perthensis_token=nope").statusCode(), "wrong cookie");
            List<String> warnings = device.log.lines().stream().filter(l -> l.startsWith("WARNING")).toList();
            assertEquals(1, warnings.size(), warnings::toString);
            assertTrue(warnings.getFirst().matches("WARNING web 'status': refused GET / from 127\\.0\\.0\\.1:\\d+: it did not"
                    + " carry the right token"), warnings.getFirst());
            assertEquals(9.0, device.onLoop(() -> device.metrics.collect().stream()
                    .filter(s -> s.name().equals("perthensis_web_unauthorized_total")).findFirst().orElseThrow().value()));
        }
    }

    @Test
    void theTokenIsTakenFromTheHeaderTheLinkOrTheCookieThePageSets() throws Exception {
        try (TestDevice device = new TestDevice("{\"token\": \"" + TOKEN + "\"}")) {
            assertEquals(200, device.get("/health", "Authorization", "Bearer " + TOKEN).statusCode());
            HttpResponse<String> page = device.get("/?token=" + TOKEN);
            assertEquals(200, page.statusCode());
            String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
            assertEquals("perthensis_token=" + TOKEN + "; Path=/; HttpOnly; SameSite=Strict", cookie);
            assertEquals(200, device.get("/metrics", "Cookie", "theme=dark; " + cookie.split(";")[0]).statusCode());
            try (TestDevice.Stream stream = device.stream("Cookie", cookie.split(";")[0])) {
                assertEquals(200, stream.response.statusCode(), "the browser's event stream carries only the cookie");
                stream.next("snapshot");
            }
            try (TestDevice.Stream refused = device.stream()) {
                assertEquals(401, refused.response.statusCode());
            }
            assertFalse(device.get("/health", "Authorization", "Bearer " + TOKEN).headers().firstValue("Set-Cookie").isPresent(),
                    "a header is not a link: no cookie");
        }
    }

    @Test
    void theComparisonHashesBothSidesSoEveryCandidateTakesTheSameSteps() {
        Token token = Token.of(TOKEN);
        Headers none = new Headers();
        assertTrue(token.acceptedBy(none, URI.create("/?a=1&token=" + TOKEN)));
        assertFalse(token.acceptedBy(none, URI.create("/")));
        assertFalse(token.acceptedBy(none, URI.create("/?token=")));
        assertFalse(token.acceptedBy(none, URI.create("/?token=%ff")), "not UTF-8: refused, not an error");
        assertFalse(token.acceptedBy(none, URI.create("/?token=" + "x".repeat(10_000))));
        assertTrue(Token.NONE.acceptedBy(none, URI.create("/")), "without a token every request is let in");
    }

    @Test
    void aTokenFileIsReadWhenTheTaskIsCreated(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("web.token"), TOKEN + "\n# the rest is ignored\n");
        try (TestDevice device = new TestDevice("{\"bind\": \"0.0.0.0\", \"tokenFile\": \"" + file + "\"}")) {
            assertTrue(device.log.lines().getFirst().startsWith("INFO web 'status': serving http://0.0.0.0:"),
                    device.log.lines()::toString);
            assertEquals(401, device.get("/health").statusCode());
            assertEquals(200, device.get("/health", "Authorization", "Bearer " + TOKEN).statusCode());
        }
    }
}
