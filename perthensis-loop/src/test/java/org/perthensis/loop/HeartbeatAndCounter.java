package org.perthensis.loop;

import java.time.Duration;
import org.perthensis.api.Scheduler;

public class HeartbeatAndCounter {
    public static void main(String[] args) {
        // This manages your background tasks.
        Scheduler scheduler = Scheduler.create();

        // Blink in a heartbeat rhythm: on 50 ms, off 100, on 100, off 750.
        scheduler.spawn("heartbeat", s -> {
            long[] pattern = {50, 100, 100, 750};
            while (true) {
                for (int i = 0; i < pattern.length; i++) {
                    System.out.println(i % 2 == 0 ? "led on" : "led off");
                    s.sleep(pattern[i]);
                }
            }
        });

        // A task that prints ever increasing numbers. The scheduler is passed to every task.
        scheduler.spawn("counter", s -> {
            for (int x = 1; ; x++) {
                System.out.println(x);
                s.sleep(Duration.ofSeconds(1));
            }
        });

        // Give control to the scheduler. This returns only after shutdown() or an interrupt.
        scheduler.runForever();
    }
}
