package org.perthensis.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's library example must be this file, compile, and run as shown. */
class ReadmeExampleTest {

    @Test
    void readmeShowsTheExampleThatThisModuleCompiles() throws Exception {
        String source = Files.readString(Path.of("src/test/java/org/perthensis/loop/HeartbeatAndCounter.java"));
        String shown = source.substring(source.indexOf("import "));
        String readme = Files.readString(Path.of("../README.md"));
        assertTrue(readme.contains(shown), "README.md must show HeartbeatAndCounter.java from its first import on");
    }

    @Test
    void exampleBlinksAndCountsOncePerSecondUntilInterrupted() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Thread main;
        long started = System.nanoTime();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            main = Thread.ofPlatform().start(() -> HeartbeatAndCounter.main(new String[0]));
            // From its first count on: a busy machine may take a while to start the example.
            long patience = System.nanoTime() + 60_000_000_000L;
            while (!captured.toString(StandardCharsets.UTF_8).lines().toList().contains("1") && System.nanoTime() < patience) {
                Thread.sleep(10);
            }
            Thread.sleep(2_400);
            main.interrupt(); // an interrupted runForever shuts the scheduler down and returns
            main.join(60_000);
        } finally {
            System.setOut(original);
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertFalse(main.isAlive(), "runForever returned after the interrupt");
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        List<String> counted = lines.stream().filter(l -> l.matches("\\d+")).toList();
        // 1, 2 and 3 are due in the 2.4 s from the first count; a busy machine may make the later ones late.
        assertTrue(counted.size() >= 2 && counted.size() <= seconds + 1, "counted " + counted + " in " + seconds + " s");
        for (int i = 0; i < counted.size(); i++) {
            assertEquals(String.valueOf(i + 1), counted.get(i));
        }
        List<String> led = lines.stream().filter(l -> l.startsWith("led")).toList();
        // Four edges a second, from the start of each second: 12 are due in the 2.4 s from the first count.
        assertTrue(led.size() >= 6 && led.size() <= 4 * (seconds + 1), "blinked " + led.size() + " edges in " + seconds + " s");
        for (int i = 0; i < led.size(); i++) {
            assertEquals(i % 2 == 0 ? "led on" : "led off", led.get(i));
        }
    }
}
