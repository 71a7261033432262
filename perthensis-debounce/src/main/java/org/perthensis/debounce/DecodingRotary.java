package org.perthensis.debounce;

import static java.lang.System.Logger.Level.ERROR;

import com.pi4j.context.Context;
import java.util.Objects;
import org.perthensis.api.Scheduler;

/** The {@link RotaryEncoder}: line levels in, detents and a bounded value out. */
final class DecodingRotary implements RotaryEncoder {

    static final System.Logger LOG = System.getLogger("org.perthensis.debounce");

    private final RotaryConfig config;
    private final RotaryListener listener;
    private final System.Logger log;
    private QuadratureDecoder decoder;
    private boolean clkHigh;
    private boolean dtHigh;
    private int value;
    private GpioInput clk;
    private GpioInput dt;

    /** An encoder whose lines start at rest. */
    DecodingRotary(RotaryConfig config, int value, RotaryListener listener, System.Logger log) {
        this.config = config;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.log = log;
        this.value = value;
        startFrom(!config.invert(), !config.invert());
    }

    /** Opens both lines on Pi4J, starting from {@code value} and from the levels they read now. */
    static DecodingRotary attach(Scheduler scheduler, Context pi4j, RotaryConfig config, int value,
            RotaryListener listener, System.Logger log) {
        DecodingRotary encoder = new DecodingRotary(config, value, listener, log);
        // Pi4J calls these on its own threads: the level is taken there, the decoding happens on the loop.
        encoder.clk = GpioInput.open(pi4j, "rotary-clk-" + config.clk(), config.clk(), config.pull(),
                high -> scheduler.post(() -> encoder.edge(true, high)), log);
        try {
            encoder.dt = GpioInput.open(pi4j, "rotary-dt-" + config.dt(), config.dt(), config.pull(),
                    high -> scheduler.post(() -> encoder.edge(false, high)), log);
        } catch (RuntimeException e) {
            encoder.clk.close();
            throw e;
        }
        encoder.startFrom(encoder.clk.high(), encoder.dt.high());
        return encoder;
    }

    private void startFrom(boolean clkHigh, boolean dtHigh) {
        this.clkHigh = clkHigh;
        this.dtHigh = dtHigh;
        this.decoder = new QuadratureDecoder(config.fast(), state());
    }

    @Override
    public void levels(boolean clkHigh, boolean dtHigh) {
        this.clkHigh = clkHigh;
        this.dtHigh = dtHigh;
        int detent = decoder.next(state());
        if (detent != 0) {
            turn(config.reverse() ? -detent : detent);
        }
    }

    private void edge(boolean isClk, boolean high) {
        levels(isClk ? high : clkHigh, isClk ? dtHigh : high);
    }

    @Override
    public int value() {
        return value;
    }

    @Override
    public void close() {
        if (clk != null) {
            clk.close();
            dt.close();
            clk = null;
            dt = null;
        }
    }

    private int state() {
        int levels = (dtHigh ? 0b10 : 0) | (clkHigh ? 0b01 : 0);
        return config.invert() ? levels ^ 0b11 : levels;
    }

    private void turn(int delta) {
        value = bounded((long) value + (long) delta * config.step());
        try {
            listener.turned(delta, value);
        } catch (RuntimeException e) {
            log.log(ERROR, "the rotary listener failed: " + e, e);
        }
    }

    private int bounded(long v) {
        Integer min = config.min();
        Integer max = config.max();
        if (config.wrap()) {
            long size = (long) max - min + 1;
            return (int) (min + Math.floorMod(v - min, size));
        }
        if (min != null && v < min) {
            return min;
        }
        if (max != null && v > max) {
            return max;
        }
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }
}
