package org.perthensis.heartbeat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Linux LED class device, such as the Raspberry Pi's own {@code ACT} and {@code PWR} LEDs,
 * driven through {@code /sys/class/leds/NAME/brightness}.
 *
 * <p>{@link #open} takes the LED over from the kernel by setting its trigger to {@code none};
 * {@link #close()} gives it back by restoring the trigger it had. Writing the trigger needs
 * root, or write access granted by a udev rule. Sysfs attribute writes do not block, so they
 * are done directly on the loop.
 *
 * <pre>{@code
 * try (LedDevice act = LedDevice.open(LedDevice.DEFAULT_BASE, "ACT", false)) {
 *     new Heartbeat(act).beat(scheduler);
 * }
 * }</pre>
 */
public final class LedDevice implements LedOutput, AutoCloseable {

    /** Where the kernel lists LED class devices. */
    public static final Path DEFAULT_BASE = Path.of("/sys/class/leds");

    private static final Pattern SELECTED = Pattern.compile("\\[([^\\]\\s]+)\\]");

    private final String name;
    private final Path directory;
    private final String savedTrigger;
    private final String onBrightness;
    private final String offBrightness;
    private boolean closed;

    private LedDevice(String name, Path directory, String savedTrigger, String fullBrightness, boolean invert) {
        this.name = name;
        this.directory = directory;
        this.savedTrigger = savedTrigger;
        this.onBrightness = invert ? "0" : fullBrightness;
        this.offBrightness = invert ? fullBrightness : "0";
    }

    /**
     * Takes over an LED: remembers its trigger, then sets the trigger to {@code none}.
     *
     * @param base the directory of LED devices, normally {@link #DEFAULT_BASE}
     * @param name the device name, such as {@code ACT}
     * @param invert {@code true} to light the LED at brightness 0 and darken it at full brightness
     * @return the device, lit as the trigger change left it (normally off) until the first {@link #set}
     * @throws IllegalStateException if there is no such device or it cannot be read or written;
     *         the message names the file and says how to fix it
     */
    public static LedDevice open(Path base, String name, boolean invert) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(name, "name");
        Path directory = base.resolve(name);
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("led " + name + ": no such LED device in " + base + available(base));
        }
        String trigger = selectedTrigger(directory.resolve("trigger"), name);
        Path max = directory.resolve("max_brightness");
        // Full brightness, not 1: on an LED with brightness levels, 1 is barely visible.
        String full = Files.exists(max) ? read(max, name).strip() : "1";
        LedDevice led = new LedDevice(name, directory, trigger, full, invert);
        led.write("trigger", "none");
        return led;
    }

    private static String available(Path base) {
        if (!Files.isDirectory(base)) {
            return " (it does not exist: this system has no LED class devices there)";
        }
        try (Stream<Path> entries = Files.list(base)) {
            List<String> names = entries.map(p -> p.getFileName().toString()).sorted().toList();
            return names.isEmpty() ? " (it is empty)" : "; available: " + String.join(", ", names);
        } catch (IOException e) {
            return "";
        }
    }

    private static String selectedTrigger(Path file, String name) {
        String triggers = read(file, name);
        Matcher m = SELECTED.matcher(triggers);
        if (!m.find()) {
            throw new IllegalStateException("led " + name + ": " + file + " should list the triggers with the active one in"
                    + " brackets, such as 'none [mmc0] timer', but reads '" + triggers.strip() + "'");
        }
        return m.group(1);
    }

    private static String read(Path file, String name) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw failure("read", file, name, e);
        }
    }

    /**
     * Lights or darkens the LED by writing its brightness.
     *
     * @param on {@code true} to light it
     * @throws IllegalStateException if the brightness cannot be written
     * @throws IllegalStateException if the device has been closed
     */
    @Override
    public void set(boolean on) {
        if (closed) {
            throw new IllegalStateException("led " + name + " has been closed; open it again");
        }
        write("brightness", on ? onBrightness : offBrightness);
    }

    /**
     * Gives the LED back to the kernel by restoring the trigger it had when opened. Closing again
     * does nothing; after a failure it tries again.
     *
     * @throws IllegalStateException if the trigger cannot be written
     */
    @Override
    public void close() {
        if (!closed) {
            write("trigger", savedTrigger);
            closed = true;
        }
    }

    /** The trigger the LED had when opened, restored by {@link #close()}. */
    String savedTrigger() {
        return savedTrigger;
    }

    private void write(String attribute, String value) {
        Path file = directory.resolve(attribute);
        try {
            // No CREATE: a sysfs attribute exists or the device is not what we think it is.
            Files.writeString(file, value, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw failure("write", file, name, e);
        }
    }

    private static IllegalStateException failure(String action, Path file, String name, IOException e) {
        String reason = switch (e) {
            case AccessDeniedException x -> "permission denied; run as root, or grant write access with a udev rule";
            case NoSuchFileException x -> "no such file; is this an LED class device?";
            default -> e.toString();
        };
        return new IllegalStateException("led " + name + ": cannot " + action + " " + file + ": " + reason, e);
    }

    @Override
    public String toString() {
        return "led " + name;
    }
}
