package org.perthensis.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SchedulerLookupTest {

    @Test
    void withoutAnImplementationTheErrorSaysWhichJarToAdd() {
        IllegalStateException e = assertThrows(IllegalStateException.class, Scheduler::create);
        assertEquals("No Perthensis scheduler implementation was found. Add perthensis-loop.jar"
                + " (module org.perthensis.loop) to the module path next to perthensis-api.jar.", e.getMessage());
    }

    @Test
    void aSchedulerChosenByPropertyThatIsNotThereIsNamedWithWhatWasFound() {
        System.setProperty(Scheduler.Builder.IMPLEMENTATION_PROPERTY, "org.example.FastLoop");
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, Scheduler::create);
            assertEquals("-Dperthensis.scheduler=org.example.FastLoop names no scheduler implementation on the"
                    + " module path; found: none", e.getMessage());
        } finally {
            System.clearProperty(Scheduler.Builder.IMPLEMENTATION_PROPERTY);
        }
    }

    @Test
    void aFactoryGivenByHandIsUsedWithTheCollectedOptions() {
        SchedulerOptions[] seen = new SchedulerOptions[1];
        Scheduler none = Scheduler.builder()
                .virtualTime()
                .slowTurnWarning(Duration.ofMillis(250))
                .factory(options -> {
                    seen[0] = options;
                    return null;
                })
                .build();
        assertSame(null, none);
        assertEquals(new SchedulerOptions(true, Scheduler.Builder.VIRTUAL_EPOCH, Duration.ofMillis(250)), seen[0]);
    }

    @Test
    void aZeroSlowTurnLimitIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Scheduler.builder().slowTurnWarning(Duration.ZERO));
        assertEquals("slowTurnWarning must be positive, got 0s", e.getMessage());
    }
}
