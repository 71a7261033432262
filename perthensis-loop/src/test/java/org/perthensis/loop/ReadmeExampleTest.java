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
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            main = Thread.ofPlatform().start(() -> HeartbeatAndCounter.main(new String[0]));
            Thread.sleep(2_400);
            main.interrupt(); // an interrupted runForever shuts the scheduler down and returns
            main.join(10_000);
        } finally {
            System.setOut(original);
        }
        assertFalse(main.isAlive(), "runForever returned after the interrupt");
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(List.of("1", "2", "3"), lines.stream().filter(l -> l.matches("\\d+")).toList());
        List<String> led = lines.stream().filter(l -> l.startsWith("led")).toList();
        assertTrue(led.size() >= 8, "two beats a second for over two seconds: " + led);
        for (int i = 0; i < led.size(); i++) {
            assertEquals(i % 2 == 0 ? "led on" : "led off", led.get(i));
        }
    }
}
