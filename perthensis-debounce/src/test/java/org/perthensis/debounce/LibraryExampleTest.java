package org.perthensis.debounce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pi4j.context.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Scheduler;

class LibraryExampleTest {

    @Test
    void theReadmeLibraryExampleReportsAButtonAndAKnob() {
        Context pi4j = MockGpio.context();
        try {
            Scheduler s = Scheduler.builder().virtualTime().build();
            List<String> out = new ArrayList<>();
            ButtonAndKnob.wire(s, pi4j, out::add);
            MockGpio.set(pi4j, "debounce-17", true); // the pull-up holds it high; the mock starts low
            MockGpio.set(pi4j, "rotary-clk-4", true);
            MockGpio.set(pi4j, "rotary-dt-5", true);
            s.run(Duration.ofMillis(100));
            for (boolean level : new boolean[] {false, true, false, true}) { // a double click
                MockGpio.set(pi4j, "debounce-17", level);
                s.run(Duration.ofMillis(100));
            }
            s.run(Duration.ofSeconds(1)); // the click series ends 400 ms after the last release
            for (String lines : new String[] {"01", "00", "10", "11"}) { // one detent clockwise
                MockGpio.set(pi4j, "rotary-clk-4", lines.charAt(0) == '1');
                MockGpio.set(pi4j, "rotary-dt-5", lines.charAt(1) == '1');
                s.run(Duration.ofMillis(5));
            }
            MockGpio.set(pi4j, "debounce-17", false);
            s.run(Duration.ofSeconds(2));

            assertEquals(List.of("button up", "button down", "button up", "button down", "button up",
                    "2 click(s)", "volume 55", "button down", "button held"), out);
        } finally {
            pi4j.shutdown();
        }
    }
}
