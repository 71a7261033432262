package org.perthensis.testing;

import java.text.MessageFormat;
import java.util.List;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.perthensis.api.Clock;

/**
 * A {@link System.Logger} that keeps each line as {@code "LEVEL message"}, or as
 * {@code "millis LEVEL message"} when given a clock, so a test can assert exactly what a user
 * would read, and when. Pass it as a task's logger, for instance through
 * {@link org.perthensis.api.TaskEnvironment#of}. Thread-safe.
 *
 * <pre>{@code
 * Scheduler s = Scheduler.builder().virtualTime().build();
 * RecordingLogger log = new RecordingLogger(s.clock());
 * s.spawn("door", provider.create(config, TaskEnvironment.of("door", s, log, new HashMap<>())));
 * s.run(Duration.ofSeconds(5));
 * assertEquals(List.of("3000 INFO door closed"), log.visible());
 * }</pre>
 *
 * <p>Messages are built at every level, so a debug message that fails to build fails the test.
 */
public final class RecordingLogger implements System.Logger {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private final Level minimum;

    /** Records every level, without time stamps. */
    public RecordingLogger() {
        this(null, Level.ALL);
    }

    /**
     * Records every level, each line starting with the clock's {@link Clock#millis()}.
     *
     * @param clock the scheduler's clock
     */
    public RecordingLogger(Clock clock) {
        this(Objects.requireNonNull(clock, "clock"), Level.ALL);
    }

    /**
     * Records the lines at {@code minimum} and above, without time stamps.
     *
     * @param minimum the lowest level kept
     */
    public RecordingLogger(Level minimum) {
        this(null, Objects.requireNonNull(minimum, "minimum"));
    }

    private RecordingLogger(Clock clock, Level minimum) {
        this.clock = clock;
        this.minimum = minimum;
    }

    /**
     * Every line kept, in order; the list grows as more is logged.
     *
     * @return the lines
     */
    public List<String> lines() {
        return lines;
    }

    /**
     * The lines at INFO and above: what a user sees by default.
     *
     * @return a snapshot of those lines
     */
    public List<String> visible() {
        return atLeast(Level.INFO);
    }

    /**
     * The lines at {@code level} and above.
     *
     * @param level the lowest level
     * @return a snapshot of those lines
     */
    public List<String> atLeast(Level level) {
        return lines.stream().filter(line -> levelOf(line).compareTo(level) >= 0).toList();
    }

    /**
     * The lines at exactly {@code level}.
     *
     * @param level the level
     * @return a snapshot of those lines
     */
    public List<String> at(Level level) {
        return lines.stream().filter(line -> levelOf(line) == level).toList();
    }

    private Level levelOf(String line) {
        String rest = clock == null ? line : line.substring(line.indexOf(' ') + 1);
        return Level.valueOf(rest.substring(0, rest.indexOf(' ')));
    }

    @Override
    public String getName() {
        return "recording";
    }

    @Override
    public boolean isLoggable(Level level) {
        return true;
    }

    @Override
    public void log(Level level, Supplier<String> message) {
        add(level, message.get());
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        add(level, message);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        add(level, params == null || params.length == 0 ? format : MessageFormat.format(format, params));
    }

    private void add(Level level, String message) {
        if (level.compareTo(minimum) >= 0) {
            lines.add((clock == null ? "" : clock.millis() + " ") + level + " " + message);
        }
    }
}
