package org.perthensis.bench;

import java.util.List;
import java.util.Map;

/** Task switches per second: the cost of handing the turn from one task to the next. */
final class Switch extends JmhBenchmark {
    static final int TASKS = 100;
    static final int SWITCHES = 1_000_000;
    static final int RUNS = 5;

    private static final Metric RATE = Metric.higher("switches_per_s", "switches/s", Metric.Unit.PER_SECOND);
    private static final Metric ONE_CARRIER_RATE = RATE.oneCarrier();
    private static final Metric CPU = Metric.cpuShare();
    private static final Metric CPU_PER_SWITCH = Metric.cpuPer("switch");
    private static final Metric CPU_PER_SWITCH_ONE = CPU_PER_SWITCH.oneCarrier();

    @Override
    public String name() {
        return "switch";
    }

    @Override
    public String what() {
        return "100 tasks each yielding in a loop, 1,000,000 switches";
    }

    @Override
    public String method() {
        return "100 tasks each yield 10,000 times (Perthensis yieldTurn(); asyncio await asyncio.sleep(0)); "
                + "switches/s = 1,000,000 / the time from starting the loop until the last task is done. Measured with "
                + "the JVM's defaults (as many virtual-thread carriers as cores), and again with " + Harness.ONE_CARRIER
                + ", compared with the same asyncio figure. CPU: process CPU (user + system, all threads) of the same span, "
                + "of one core and per switch. "
                + "JMH single shot in a forked JVM, 6 warm-up and 5 measured runs; the peer 1 warm-up and 5 measured runs.";
    }

    @Override
    public List<Metric> metrics() {
        return List.of(RATE, ONE_CARRIER_RATE, CPU, CPU_PER_SWITCH, CPU_PER_SWITCH_ONE);
    }

    @Override
    Class<?> jmhClass() {
        return SwitchJmh.class;
    }

    @Override
    int runs() {
        return RUNS;
    }

    @Override
    List<List<String>> jvmVariants() {
        return List.of(List.of(), List.of(Harness.ONE_CARRIER));
    }

    @Override
    Map<String, Double> valuesOf(int variant, double millisPerOp, Map<String, Double> fork) {
        double cpuPerSwitch = fork.getOrDefault(CPU_PER_SWITCH.key(), Double.NaN);
        if (variant == 0) {
            return Map.of(RATE.key(), SWITCHES / (millisPerOp / 1000), CPU.key(), fork.getOrDefault(CPU.key(), Double.NaN),
                    CPU_PER_SWITCH.key(), cpuPerSwitch);
        }
        return Map.of(ONE_CARRIER_RATE.key(), SWITCHES / (millisPerOp / 1000), CPU_PER_SWITCH_ONE.key(), cpuPerSwitch);
    }

    @Override
    public List<Check> checks(Side ours, Side peer) {
        String target = ">= 1.5x asyncio switches/s (aim for 3x)";
        if (!ours.measured() || !peer.measured()) {
            return List.of(Check.notMeasured(target, "needs both sides"));
        }
        double x = RATE.advantage(ours.median(RATE.key()), peer.median(RATE.key()));
        return List.of(Check.of(target, x >= 1.5, String.format("%.2fx%s", x, x >= 3 ? " (3x aim reached)" : "")));
    }
}
