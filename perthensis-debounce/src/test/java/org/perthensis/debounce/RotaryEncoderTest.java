package org.perthensis.debounce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The encoder's decoding. Line states are written CLK then DT: {@code "01"} is CLK low, DT high.
 * With pull-ups both lines rest high; clockwise CLK falls first: 11, 01, 00, 10, 11.
 */
class RotaryEncoderTest {

    private static final String[] CLOCKWISE = {"01", "00", "10", "11"};
    private static final String[] COUNTER_CLOCKWISE = {"10", "00", "01", "11"};

    private final List<String> turns = new ArrayList<>();

    private RotaryEncoder encoder(RotaryConfig config) {
        return RotaryEncoder.create(config, (delta, value) -> turns.add(String.format("%+d=%d", delta, value)));
    }

    private static void feed(RotaryEncoder encoder, String... clkDt) {
        for (String lines : clkDt) {
            encoder.levels(lines.charAt(0) == '1', lines.charAt(1) == '1');
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"stable", "fast"})
    void aFullClockwiseSequenceIsOneDetent(String mode) {
        RotaryEncoder knob = encoder(RotaryConfig.of(4, 5).withMode(mode));
        feed(knob, CLOCKWISE);
        feed(knob, CLOCKWISE);
        assertEquals(List.of("+1=1", "+1=2"), turns);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stable", "fast"})
    void aFullCounterClockwiseSequenceIsOneDetentBack(String mode) {
        RotaryEncoder knob = encoder(RotaryConfig.of(4, 5).withMode(mode));
        feed(knob, COUNTER_CLOCKWISE);
        assertEquals(List.of("-1=-1"), turns);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stable", "fast"})
    void jitterOfOneLineNeverMakesAStep(String mode) {
        RotaryEncoder knob = encoder(RotaryConfig.of(4, 5).withMode(mode));
        feed(knob, "01", "11", "01", "11"); // CLK chatters at rest
        assertEquals(List.of(), turns);
        feed(knob, "01", "00", "10", "00", "10", "11", "01", "11"); // a clockwise detent with chatter mid-way and at its end
        assertEquals(List.of("+1=1"), turns);
        feed(knob, "10", "00", "10", "11"); // half a turn back, then home again
        assertEquals(List.of("+1=1"), turns);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stable", "fast"})
    void invertedLinesRestLow(String mode) {
        RotaryEncoder knob = encoder(RotaryConfig.of(4, 5).withMode(mode).withLines("down", true, false));
        feed(knob, "10", "11", "01", "00");
        assertEquals(List.of("+1=1"), turns);
    }

    @Test
    void reverseSwapsTheDirections() {
        RotaryEncoder knob = encoder(RotaryConfig.of(4, 5).withLines("up", false, true));
        feed(knob, CLOCKWISE);
        feed(knob, CLOCKWISE);
        feed(knob, COUNTER_CLOCKWISE);
        assertEquals(List.of("-1=-1", "-1=-2", "+1=-1"), turns);
    }

    @Test
    void theValueStopsAtMinAndMax() {
        RotaryEncoder knob = encoder(RotaryConfig.of(4, 5).withRange(0, 3, false));
        for (int i = 0; i < 5; i++) {
            feed(knob, CLOCKWISE);
        }
        feed(knob, COUNTER_CLOCKWISE);
        assertEquals(List.of("+1=1", "+1=2", "+1=3", "+1=3", "+1=3", "-1=2"), turns);
        assertEquals(2, knob.value());
    }

    @Test
    void theValueWrapsAroundTheRange() {
        RotaryEncoder knob = encoder(RotaryConfig.of(4, 5).withRange(0, 3, true));
        for (int i = 0; i < 5; i++) {
            feed(knob, CLOCKWISE);
        }
        feed(knob, COUNTER_CLOCKWISE);
        feed(knob, COUNTER_CLOCKWISE);
        assertEquals(List.of("+1=1", "+1=2", "+1=3", "+1=0", "+1=1", "-1=0", "-1=3"), turns);
    }

    @Test
    void eachDetentMovesTheValueByStepWhileDeltaStaysOne() {
        RotaryEncoder knob = encoder(RotaryConfig.of(4, 5).withRange(0, 9, true).withSteps(2, 6));
        feed(knob, CLOCKWISE);
        feed(knob, CLOCKWISE);
        feed(knob, COUNTER_CLOCKWISE);
        assertEquals(List.of("+1=8", "+1=0", "-1=8"), turns, "8 + 2 wraps to 0 in 0..9");
    }

    @Test
    void bothLinesChangingAtOnceIsIgnoredAndStableModeWaitsForTheNextFullDetent() {
        RotaryEncoder knob = encoder(RotaryConfig.of(4, 5));
        feed(knob, "00", "10", "11"); // 11 to 00 skips a state: the direction is unknown
        assertEquals(List.of(), turns);
        feed(knob, CLOCKWISE);
        assertEquals(List.of("+1=1"), turns);
    }

    @Test
    void fastModeCountsOnTheLastTransitionEvenAfterALostEdge() {
        RotaryEncoder knob = encoder(RotaryConfig.of(4, 5).withMode("fast"));
        feed(knob, "00", "10", "11");
        assertEquals(List.of("+1=1"), turns);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stable", "fast"})
    void aThousandRandomStepsWithJitterCountExactlyTheNetDetents(String mode) {
        RotaryEncoder knob = encoder(RotaryConfig.of(4, 5).withMode(mode));
        Random random = new Random(20_240_601L);
        int quarters = 0;
        int checkedAtRest = 0;
        for (int i = 0; i < 1_000; i++) {
            quarters += random.nextBoolean() ? 1 : -1;
            feed(knob, linesAt(quarters));
            int chatter = random.nextInt(3); // CLK toggling alone, ending where it began
            for (int j = 0; j < chatter; j++) {
                feed(knob, clkToggled(linesAt(quarters)), linesAt(quarters));
            }
            if (Math.floorMod(quarters, 4) == 0) {
                assertEquals(quarters / 4, knob.value(), "at rest after step " + i);
                checkedAtRest++;
            }
        }
        while (Math.floorMod(quarters, 4) != 0) {
            feed(knob, linesAt(++quarters));
        }
        assertEquals(quarters / 4, knob.value());
        assertEquals(turns.size(), turns.stream().filter(t -> t.startsWith("+1") || t.startsWith("-1")).count());
        assertTrue(checkedAtRest > 100, "the walk passed through rest often: " + checkedAtRest);
    }

    /** The lines a quarter-step position puts out, clockwise from rest. */
    private static String linesAt(int quarters) {
        return CLOCKWISE[Math.floorMod(quarters - 1, 4)];
    }

    private static String clkToggled(String lines) {
        return (lines.charAt(0) == '1' ? "0" : "1") + lines.charAt(1);
    }
}
