package org.perthensis.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskHandle;
import org.perthensis.heartbeat.HeartbeatProvider.Config;
import org.perthensis.testing.RecordingLogger;

/** The heartbeat task on a Linux LED class device, in a temporary folder laid out as /sys/class/leds. */
class LedDeviceHeartbeatTest {
    @TempDir
    Path leds;
    private Path act;
    private final Scheduler s = Scheduler.builder().virtualTime().build();
    private final RecordingLogger log = new RecordingLogger();

    @BeforeEach
    void kernelLeds() throws IOException {
        act = Files.createDirectories(leds.resolve("ACT"));
        Files.writeString(act.resolve("brightness"), "0\n");
        Files.writeString(act.resolve("max_brightness"), "255\n");
        Files.writeString(act.resolve("trigger"), "none rc-feedback [heartbeat] timer mmc0\n");
        Files.createDirectories(leds.resolve("PWR"));
    }

    private TaskHandle start(Config config) {
        return s.spawn("act", new HeartbeatProvider().create(config, TaskEnvironment.of("act", s, log, Map.of())));
    }

    private String read(String attribute) throws IOException {
        return Files.readString(act.resolve(attribute));
    }

    /** Runs the loop until {@code millis} on the virtual clock, then reads the brightness. */
    private String brightnessAt(long millis) throws IOException {
        s.run(Duration.ofMillis(millis - s.clock().millis()));
        return read("brightness");
    }

    @Test
    void takesTheLedFromItsTriggerBlinksItAndGivesItBack() throws IOException {
        TaskHandle task = start(new Config(null, "ACT", null, List.of(100, 300), Duration.ofSeconds(1), null,
                leds.toString()));
        assertEquals("255", brightnessAt(0));
        assertEquals("none", read("trigger"));
        assertEquals("255", brightnessAt(1099));
        assertEquals("0", brightnessAt(1100));
        assertEquals("0", brightnessAt(1399));
        assertEquals("255", brightnessAt(1400));
        assertEquals("0", brightnessAt(1500));
        assertEquals("255", brightnessAt(1850));
        task.cancel();
        s.run(Duration.ZERO);
        assertEquals("0", read("brightness"));
        assertEquals("heartbeat", read("trigger"));
        assertEquals(TaskHandle.State.CANCELLED, task.state());
        assertEquals(List.of(
                "INFO heartbeat 'act' started on led ACT, trigger heartbeat set to none: on for 1s, then pattern [100, 300] ms",
                "INFO heartbeat 'act' stopped, led ACT back on trigger heartbeat"), log.visible());
    }

    @Test
    void invertedLedIsLitAtBrightnessZero() throws IOException {
        TaskHandle task = start(new Config(null, "ACT", true, List.of(100, 100), Duration.ZERO, null,
                leds.toString()));
        assertEquals("0", brightnessAt(0));
        assertEquals("255", brightnessAt(100));
        assertEquals("0", brightnessAt(200));
        task.cancel();
        s.run(Duration.ZERO);
        assertEquals("255", read("brightness"));
    }

    @Test
    void withoutMaxBrightnessOnIsOne() throws IOException {
        Files.delete(act.resolve("max_brightness"));
        start(new Config(null, "ACT", null, null, Duration.ZERO, null, leds.toString()));
        assertEquals("1", brightnessAt(0));
        assertEquals("0", brightnessAt(50));
    }

    @Test
    void anUnknownLedFailsNamingTheOnesThereAre() {
        TaskHandle task = start(new Config(null, "led0", null, null, null, null, leds.toString()));
        s.run(Duration.ZERO);
        assertEquals(TaskHandle.State.FAILED, task.state());
        assertEquals("led led0: no such LED device in " + leds + "; available: ACT, PWR",
                task.failure().orElseThrow().getMessage());
    }

    @Test
    void aMissingLedDirectorySaysSo() {
        Path none = leds.resolve("absent");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> LedDevice.open(none, "ACT", false));
        assertEquals("led ACT: no such LED device in " + none
                + " (it does not exist: this system has no LED class devices there)", e.getMessage());
    }

    @Test
    void aTriggerFileWithoutTheSelectedTriggerIsRefused() throws IOException {
        Files.writeString(act.resolve("trigger"), "heartbeat\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> LedDevice.open(leds, "ACT", false));
        assertEquals("led ACT: " + act.resolve("trigger") + " should list the triggers with the active one in brackets,"
                + " such as 'none [mmc0] timer', but reads 'heartbeat'", e.getMessage());
        assertEquals("heartbeat\n", read("trigger"));
    }

    @Test
    void aTriggerThatCannotBeRestoredIsAWarningWithTheReason() throws IOException {
        TaskHandle task = start(new Config(null, "ACT", null, null, Duration.ZERO, null, leds.toString()));
        s.run(Duration.ofMillis(10));
        Files.delete(act.resolve("trigger"));
        task.cancel();
        s.run(Duration.ZERO);
        assertEquals(TaskHandle.State.CANCELLED, task.state());
        assertEquals("WARNING heartbeat 'act' stopped; restoring trigger heartbeat failed: led ACT: cannot write "
                + act.resolve("trigger") + ": no such file; is this an LED class device?", log.visible().getLast());
    }

    @Test
    void closingTwiceRestoresOnceAndAClosedDeviceRefusesWrites() throws IOException {
        LedDevice device = LedDevice.open(leds, "ACT", false);
        device.set(true);
        device.close();
        Files.writeString(act.resolve("trigger"), "none [timer]");
        device.close();
        assertEquals("none [timer]", read("trigger"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> device.set(false));
        assertEquals("led ACT has been closed; open it again", e.getMessage());
        assertEquals("led ACT", device.toString());
    }
}
