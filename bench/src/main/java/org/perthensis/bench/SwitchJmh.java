package org.perthensis.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.perthensis.api.Scheduler;

/** JMH's half of {@link Switch}: one operation is 100 tasks yielding 10,000 times each. */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 6)
@Measurement(iterations = Switch.RUNS)
@Fork(1)
@State(Scope.Benchmark)
public class SwitchJmh {
    private CpuMeter cpu;

    /** Creates the benchmark state; JMH calls it. */
    public SwitchJmh() {
    }

    /** Starts the CPU meter outside the timed operation (single shot: one operation per iteration). */
    @Setup(Level.Iteration)
    public void startCpu() {
        cpu = new CpuMeter();
    }

    /** Writes the operation's CPU to the {@link ForkLog}. */
    @TearDown(Level.Iteration)
    public void recordCpu() {
        ForkLog.append(cpu.values(Switch.SWITCHES));
    }

    /**
     * Starts the tasks and runs the loop until the last one is done.
     *
     * @return how many tasks finished, so that nothing is optimised away
     */
    @Benchmark
    public int hundredTasksYieldingTenThousandTimesEach() {
        Scheduler s = Scheduler.create();
        int[] finished = {0};
        for (int i = 0; i < Switch.TASKS; i++) {
            s.spawn("yielder-" + i, sch -> {
                for (int k = 0; k < Switch.SWITCHES / Switch.TASKS; k++) {
                    sch.yieldTurn();
                }
                if (++finished[0] == Switch.TASKS) {
                    sch.shutdown();
                }
            });
        }
        s.runForever();
        return finished[0];
    }
}
