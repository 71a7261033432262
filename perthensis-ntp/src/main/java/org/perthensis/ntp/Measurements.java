package org.perthensis.ntp;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.perthensis.api.Durations;

/**
 * How a sync's offset and delay read: in the one duration notation of {@link Durations}, to the
 * microsecond (the nanoseconds of NTP timestamps are noise), and in milliseconds for events.
 */
final class Measurements {

    private Measurements() {
    }

    /** An offset, signed: {@code +1.234ms}, {@code -250us}, {@code +0s}; the magnitude reads back with {@link Durations#parse}. */
    static String offset(Duration offset) {
        Duration magnitude = toMicros(offset.abs());
        return (offset.isNegative() && !magnitude.isZero() ? "-" : "+") + Durations.format(magnitude);
    }

    /** A delay, a duration like any other: {@code 456us}, {@code 24.061ms}. */
    static String delay(Duration delay) {
        return Durations.format(toMicros(delay.abs()));
    }

    /** Milliseconds as a number, the unit of the events' {@code offset} and {@code delay}. */
    static double millis(Duration d) {
        return d.getSeconds() * 1e3 + d.getNano() / 1e6;
    }

    /** Rounded to the nearest microsecond, half up. */
    private static Duration toMicros(Duration magnitude) {
        return magnitude.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
    }
}
