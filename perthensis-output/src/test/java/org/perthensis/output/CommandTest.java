package org.perthensis.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.perthensis.output.Command.Kind;

/** The payloads an output reads as commands, and what it says about those it cannot read. */
class CommandTest {

    private static Command read(Object payload) {
        return Command.read(payload, "test");
    }

    private static String problem(Object payload) {
        return assertThrows(IllegalArgumentException.class, () -> read(payload)).getMessage();
    }

    @Test
    void textInAnyCaseAsHomeAssistantSendsIt() {
        assertEquals(new Command(Kind.ON, null, "test"), read("on"));
        assertEquals(new Command(Kind.ON, null, "test"), read("ON"));
        assertEquals(new Command(Kind.OFF, null, "test"), read(" Off\n"));
        assertEquals(new Command(Kind.TOGGLE, null, "test"), read("toggle"));
        assertEquals(new Command(Kind.PULSE, Duration.ofMillis(1500), "test"), read("pulse 1.5s"));
        assertEquals(new Command(Kind.ON, null, "test"), read("true"));
        assertEquals(new Command(Kind.OFF, null, "test"), read(false));
    }

    @Test
    void mapsAndJsonTextWithWhoAsked() {
        assertEquals(new Command(Kind.ON, null, "test"), read(Map.of("set", "on")));
        assertEquals(new Command(Kind.OFF, null, "test"), read(Map.of("set", false)));
        assertEquals(new Command(Kind.PULSE, Duration.ofSeconds(2), "rule 'door'"),
                read(Map.of("set", "pulse", "for", Duration.ofSeconds(2), "why", "rule 'door'")));
        assertEquals(new Command(Kind.PULSE, Duration.ofSeconds(2), "test"), read("{\"set\": \"pulse\", \"for\": \"2s\"}"));
        assertEquals(new Command(Kind.PULSE, Duration.ofSeconds(3), "test"), read("{\"set\": \"pulse 3s\"}"));
        assertEquals(new Command(Kind.TOGGLE, null, "test"), read("\"toggle\""));
        assertEquals(new Command(Kind.ON, null, "test"), read("{\"set\": true}"));
    }

    @Test
    void thePayloadItPublishesReadsBackAsTheSameCommand() {
        Command pulse = new Command(Kind.PULSE, Duration.ofMillis(250), "mqtt.home.command.opener");
        assertEquals(Map.of("set", "pulse", "for", Duration.ofMillis(250), "why", "mqtt.home.command.opener"), pulse.payload());
        assertEquals(pulse, Command.read(pulse.payload(), "other"));
        assertEquals(List.of("set", "why"), List.copyOf(new Command(Kind.ON, null, "x").payload().keySet()));
    }

    @Test
    void whatCannotBeReadIsSaidInTheUsersWords() {
        String expected = "expected on, off, toggle or pulse with a duration such as \"pulse 2s\"";
        assertEquals(expected + ", got \"blink\"", problem("blink"));
        assertEquals(expected + ", got \"on 2s\"", problem("on 2s"));
        assertEquals(expected + ", got no payload", problem(null));
        assertEquals(expected + ", got 42", problem(42L));
        assertEquals(expected + ", got a list", problem("[\"on\"]"));
        assertEquals(expected + " as \"set\", got 1", problem(Map.of("set", 1)));
        assertEquals("a pulse needs a duration, such as \"pulse 2s\" or {\"set\": \"pulse\", \"for\": \"2s\"}", problem("pulse"));
        assertEquals("a pulse must be positive, got 0s", problem("pulse 0s"));
        assertEquals("expected a duration such as \"250ms\", \"5s\", \"30min\", \"6h\", \"1h30m\" or \"PT6H\", got \"soon\"",
                problem("pulse soon"));
        assertEquals("expected a duration such as \"250ms\", \"5s\", \"30min\", \"6h\", \"1h30m\" or \"PT6H\" for the pulse,"
                + " got 2", problem(Map.of("set", "pulse", "for", 2L)));
        assertEquals("\"for\" goes with \"set\": \"pulse\" only, got \"set\": \"on\"", problem(Map.of("set", "on", "for", "2s")));
        assertEquals("a pulse has one duration, got \"pulse 2s\" and \"for\"", problem(Map.of("set", "pulse 2s", "for", "2s")));
        assertEquals("expected {\"set\": \"on\"} or {\"set\": \"pulse\", \"for\": \"2s\"}, got an object without \"set\"",
                problem(Map.of("why", "the hall")));
        assertEquals("not JSON at 1:9: expected ',' or '}', got the end", problem("{\"set\":1"));
    }
}
