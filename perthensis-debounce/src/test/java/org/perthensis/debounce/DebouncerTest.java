package org.perthensis.debounce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Scheduler;
import org.perthensis.testing.RecordingLogger;

/** The debouncer under virtual time, with edges fed at chosen instants. */
class DebouncerTest {

    private static final boolean HIGH = true;
    private static final boolean LOW = false;

    private final Scheduler s = Scheduler.builder().virtualTime().build();
    private final TimerDebouncer pins = (TimerDebouncer) Debouncer.create(s);
    private final PinRecorder seen = new PinRecorder(s);

    /** A plain pin: no long presses, no click counting. */
    private static DebounceConfig plain(int pin) {
        return DebounceConfig.of(pin).withButtonTimes(Duration.ZERO, Duration.ZERO);
    }

    /** Feeds an edge at {@code micros} after the start, timed as a GPIO listener would time it. */
    private void edge(long micros, int pin, boolean high) {
        s.after(Duration.ofNanos(micros * 1_000), x -> pins.edge(pin, high, s.clock().nanos()));
    }

    private static long ms(double millis) {
        return Math.round(millis * 1_000);
    }

    @Test
    void aBurstOfSevenEdgesWithinThreeMillisecondsYieldsOneEventSettleAfterTheLastEdge() {
        pins.add(plain(17), seen);
        edge(0, 17, LOW);
        boolean level = HIGH;
        for (double at = 100; at <= 103; at += 0.5) {
            edge(ms(at), 17, level);
            level = !level;
        }
        s.run(Duration.ofMillis(500));

        assertEquals(List.of(
                "20ms: pin 17 low released at 0s initial",
                "123ms: pin 17 high pressed at 103ms",
                "123ms: pin 17 press at 103ms"), seen.lines);
        assertFalse(pins.timerArmed(), "no timer once every pin has settled");
    }

    @Test
    void aBounceThatReturnsToTheOldLevelYieldsNothing() {
        pins.add(plain(17), seen);
        edge(0, 17, LOW);
        edge(ms(100), 17, HIGH);
        edge(ms(101), 17, LOW);
        edge(ms(102.5), 17, HIGH);
        edge(ms(104), 17, LOW);
        s.run(Duration.ofSeconds(1));

        assertEquals(List.of("20ms: pin 17 low released at 0s initial"), seen.lines);
        assertFalse(pins.timerArmed());
    }

    @Test
    void threePinsBouncingAtOnceAreEachReportedWithOneTimer() {
        for (int pin : new int[] {5, 6, 13}) {
            pins.add(plain(pin), seen);
            edge(0, pin, LOW);
        }
        // pin 5 goes high, bouncing until 102 ms; pin 6 until 103.5 ms; pin 13 bounces and falls back low at 104 ms
        long[] five = {ms(100), ms(100.8), ms(101.3), ms(101.6), ms(102)};
        long[] six = {ms(100.2), ms(101), ms(102.1), ms(103), ms(103.2), ms(103.4), ms(103.5)};
        long[] thirteen = {ms(100.4), ms(101.1), ms(102.7), ms(104)};
        feedAlternating(5, five);
        feedAlternating(6, six);
        feedAlternating(13, thirteen);
        s.run(Duration.ofMillis(500));

        assertEquals(List.of(
                "20ms: pin 5 low released at 0s initial",
                "20ms: pin 6 low released at 0s initial",
                "20ms: pin 13 low released at 0s initial",
                "122ms: pin 5 high pressed at 102ms",
                "122ms: pin 5 press at 102ms",
                "123.5ms: pin 6 high pressed at 103.5ms",
                "123.5ms: pin 6 press at 103.5ms"), seen.lines);
        // One timer, armed at 0 for 20 ms, at 100 ms for 120 ms, then re-armed by each wake-up for the next pin
        // (122, 123.5 and 124 ms): 5 arms and 5 runs for 19 edges on three pins, never two timers at once.
        assertEquals(5, pins.timerArms());
        assertEquals(5, pins.timerRuns());
        assertFalse(pins.timerArmed());
    }

    private void feedAlternating(int pin, long[] micros) {
        boolean level = HIGH;
        for (long at : micros) {
            edge(at, pin, level);
            level = !level;
        }
    }

    @Test
    void theDoorReportsOpenAndClosedThreeSecondsAfterItStopsMoving() {
        pins.add(plain(12).withSettle(Duration.ofSeconds(3)), seen);
        edge(0, 12, LOW);
        // it opens with some chatter of the reed contact
        edge(ms(10_000), 12, HIGH);
        edge(ms(10_200), 12, LOW);
        edge(ms(10_500), 12, HIGH);
        edge(ms(11_000), 12, LOW);
        edge(ms(11_200), 12, HIGH);
        // a gust moves it shut for two seconds: shorter than settle, so nothing
        edge(ms(30_000), 12, LOW);
        edge(ms(32_000), 12, HIGH);
        // closed for good
        edge(ms(60_000), 12, LOW);
        s.run(Duration.ofMinutes(5));

        assertEquals(List.of(
                "3s: pin 12 low released at 0s initial",
                "14.2s: pin 12 high pressed at 11.2s",
                "14.2s: pin 12 press at 11.2s",
                "1min3s: pin 12 low released at 1min",
                "1min3s: pin 12 release at 1min held 48.8s"), seen.lines);
    }

    @Test
    void theFirstSettledLevelIsReportedOnceMarkedInitialAndIsNoPress() {
        pins.add(DebounceConfig.of(17), seen);
        edge(0, 17, LOW);
        edge(ms(5), 17, HIGH); // pressed while starting: the initial level is the settled one
        edge(ms(3_000), 17, LOW);
        s.run(Duration.ofSeconds(5));

        assertEquals(List.of(
                "25ms: pin 17 high pressed at 5ms initial",
                "3.02s: pin 17 low released at 3s",
                "3.02s: pin 17 release at 3s held 2.995s"), seen.lines,
                "a button held since the start gives no long press and no click");
    }

    @Test
    void invertedPinIsPressedWhenLow() {
        pins.add(plain(17).withInvert(true), seen);
        edge(0, 17, HIGH);
        edge(ms(100), 17, LOW);
        s.run(Duration.ofMillis(200));

        assertEquals(List.of(
                "20ms: pin 17 high released at 0s initial",
                "120ms: pin 17 low pressed at 100ms",
                "120ms: pin 17 press at 100ms"), seen.lines);
    }

    @Test
    void aLongPressIsReportedWhileStillHeld() {
        pins.add(DebounceConfig.of(17), seen);
        edge(0, 17, LOW);
        edge(ms(100), 17, HIGH);
        edge(ms(2_000), 17, LOW);
        s.run(Duration.ofSeconds(3));

        assertEquals(List.of(
                "20ms: pin 17 low released at 0s initial",
                "120ms: pin 17 high pressed at 100ms",
                "120ms: pin 17 press at 100ms",
                "1.1s: pin 17 long at 1.1s",
                "2.02s: pin 17 low released at 2s",
                "2.02s: pin 17 release at 2s held 1.9s"), seen.lines,
                "a long press is no click");
    }

    @Test
    void aReleaseThatBeganBeforeTheLongPressTimeIsAClickNotALongPress() {
        pins.add(DebounceConfig.of(17), seen);
        edge(0, 17, LOW);
        edge(ms(100), 17, HIGH);
        edge(ms(1_090), 17, LOW); // bounces across the long-press time at 1100 ms
        edge(ms(1_095), 17, HIGH);
        edge(ms(1_105), 17, LOW);
        s.run(Duration.ofSeconds(3));

        assertEquals(List.of(
                "20ms: pin 17 low released at 0s initial",
                "120ms: pin 17 high pressed at 100ms",
                "120ms: pin 17 press at 100ms",
                "1.125s: pin 17 low released at 1.105s",
                "1.125s: pin 17 release at 1.105s held 1.005s",
                "1.505s: pin 17 clicks 1"), seen.lines);
    }

    @Test
    void aGlitchAcrossTheLongPressTimeDelaysTheLongPressUntilItSettles() {
        pins.add(DebounceConfig.of(17), seen);
        edge(0, 17, LOW);
        edge(ms(100), 17, HIGH);
        edge(ms(1_090), 17, LOW);
        edge(ms(1_095), 17, HIGH);
        s.run(Duration.ofSeconds(3));

        assertEquals(List.of(
                "20ms: pin 17 low released at 0s initial",
                "120ms: pin 17 high pressed at 100ms",
                "120ms: pin 17 press at 100ms",
                "1.115s: pin 17 long at 1.1s"), seen.lines);
    }

    @Test
    void aDoubleClickIsReportedOnceTheMultiClickTimeHasPassed() {
        pins.add(DebounceConfig.of(17), seen);
        edge(0, 17, LOW);
        edge(ms(100), 17, HIGH);
        edge(ms(180), 17, LOW);
        edge(ms(500), 17, HIGH); // 320 ms after the release: within 400 ms
        edge(ms(580), 17, LOW);
        edge(ms(2_000), 17, HIGH); // a single click later on
        edge(ms(2_050), 17, LOW);
        s.run(Duration.ofSeconds(3));

        List<String> clicks = seen.lines.stream().filter(l -> l.contains("clicks")).toList();
        assertEquals(List.of("980ms: pin 17 clicks 2", "2.45s: pin 17 clicks 1"), clicks);
        assertEquals(15, seen.lines.size(), "the initial level, 3 presses and 3 releases each with its change, 2 click series");
        assertFalse(pins.timerArmed());
    }

    @Test
    void aPressBeginningJustAfterTheMultiClickTimeStartsANewSeries() {
        pins.add(DebounceConfig.of(17), seen);
        edge(0, 17, LOW);
        edge(ms(100), 17, HIGH);
        edge(ms(180), 17, LOW);
        edge(ms(581), 17, HIGH); // 401 ms after the release
        edge(ms(650), 17, LOW);
        s.run(Duration.ofSeconds(2));

        List<String> clicks = seen.lines.stream().filter(l -> l.contains("clicks")).toList();
        assertEquals(List.of("580ms: pin 17 clicks 1", "1.05s: pin 17 clicks 1"), clicks);
    }

    @Test
    void aLongPressEndsAClickSeriesAndReportsItsClicksFirst() {
        pins.add(DebounceConfig.of(17), seen);
        edge(0, 17, LOW);
        edge(ms(100), 17, HIGH);
        edge(ms(180), 17, LOW);
        edge(ms(400), 17, HIGH);
        s.run(Duration.ofSeconds(2));

        assertEquals(List.of("1.4s: pin 17 clicks 1", "1.4s: pin 17 long at 1.4s"),
                seen.lines.subList(seen.lines.size() - 2, seen.lines.size()));
    }

    @Test
    void anIdleDebouncerKeepsNoTimerAndNeverWakes() {
        pins.add(DebounceConfig.of(17), seen);
        pins.add(DebounceConfig.of(18), seen);
        edge(0, 17, LOW);
        edge(0, 18, HIGH);
        s.run(Duration.ofMillis(100));
        long arms = pins.timerArms();
        long runs = pins.timerRuns();
        assertFalse(pins.timerArmed());

        s.run(Duration.ofHours(1));

        assertEquals(arms, pins.timerArms());
        assertEquals(runs, pins.timerRuns());
        assertEquals(1, arms, "one timer for both pins' initial settle");
    }

    @Test
    void anEdgePostedFromAnotherThreadIsTimedWhenItHappenedNotWhenTheLoopGotToIt() throws Exception {
        pins.add(plain(17), seen);
        edge(0, 17, LOW);
        s.run(Duration.ofMillis(100));
        Thread gpio = Thread.ofPlatform().start(() -> pins.postEdge(17, HIGH));
        gpio.join();
        s.run(Duration.ofMillis(100));

        assertEquals(List.of(
                "20ms: pin 17 low released at 0s initial",
                "120ms: pin 17 high pressed at 100ms",
                "120ms: pin 17 press at 100ms"), seen.lines);
    }

    @Test
    void aListenerThatThrowsIsLoggedAndTheOtherPinsGoOn() {
        RecordingLogger log = new RecordingLogger();
        pins.add(plain(1), change -> {
            throw new IllegalStateException("boom");
        }, log);
        pins.add(plain(2), seen);
        edge(0, 1, LOW);
        edge(0, 2, LOW);
        edge(ms(100), 1, HIGH);
        edge(ms(100), 2, HIGH);
        s.run(Duration.ofMillis(200));

        assertEquals(List.of(
                "ERROR the listener of pin 1 failed: java.lang.IllegalStateException: boom",
                "ERROR the listener of pin 1 failed: java.lang.IllegalStateException: boom"), log.lines());
        assertEquals(3, seen.lines.size());
    }

    @Test
    void removingAPinMidBounceDropsItsTimer() {
        pins.add(plain(17), seen);
        edge(0, 17, LOW);
        s.after(Duration.ofMillis(5), x -> pins.remove(17));
        edge(ms(10), 17, HIGH); // too late: an edge of a removed pin is ignored
        s.run(Duration.ofMillis(100));

        assertEquals(List.of(), seen.lines);
        assertFalse(pins.timerArmed());
    }

    @Test
    void aPinCanBeAddedOnlyOnce() {
        pins.add(plain(17), seen);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pins.add(plain(17), seen));
        assertEquals("pin: GPIO 17 is already debounced (by another task, or added twice); each pin can be debounced once",
                e.getMessage());
    }

    @Test
    void aCallbackLambdaAloneIsEnoughLikeTheSeedsAddPin() {
        List<String> values = new ArrayList<>();
        Debouncer debouncer = Debouncer.create(s);
        debouncer.add(DebounceConfig.of(4).withSettle(Duration.ofMillis(50)),
                change -> values.add(change.pin() + "=" + (change.high() ? 1 : 0)));
        s.after(Duration.ZERO, x -> debouncer.edge(4, false, s.clock().nanos()));
        s.after(Duration.ofMillis(100), x -> debouncer.edge(4, true, s.clock().nanos()));
        s.run(Duration.ofSeconds(1));
        debouncer.close();

        assertEquals(List.of("4=0", "4=1"), values);
    }
}
