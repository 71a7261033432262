package org.perthensis.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaskEnvironmentTest {
    /** No scheduler implementation is on this module's test path; these tests need none. */
    private static final Scheduler UNUSED = (Scheduler) Proxy.newProxyInstance(Scheduler.class.getClassLoader(),
            new Class<?>[] {Scheduler.class}, (proxy, method, args) -> {
                throw new UnsupportedOperationException(method.getName());
            });
    private static final System.Logger LOGGER = System.getLogger("test");

    private record FixedClock(Instant now) implements WallClock {
        @Override
        public boolean hasTime() {
            return true;
        }
    }

    @Test
    void environmentsMadeWithOneMapShareTheirServices() {
        Map<Class<?>, Object> services = new HashMap<>();
        TaskEnvironment ntp = TaskEnvironment.of("clock", UNUSED, LOGGER, services);
        TaskEnvironment uploader = TaskEnvironment.of("uploader", UNUSED, LOGGER, services);
        assertTrue(uploader.service(WallClock.class).isEmpty());
        ntp.provide(WallClock.class, new FixedClock(Instant.EPOCH));
        assertEquals(Instant.EPOCH, uploader.requireService(WallClock.class).now());
        assertEquals("uploader", uploader.taskName());
    }

    @Test
    void aResourceClaimedByOneTaskIsRefusedToAnotherAndTheHolderIsNamed() {
        Map<Class<?>, Object> services = new HashMap<>();
        TaskEnvironment door = TaskEnvironment.of("door", UNUSED, LOGGER, services);
        TaskEnvironment status = TaskEnvironment.of("status", UNUSED, LOGGER, services);
        assertEquals(Optional.empty(), door.claim("gpio:12"));
        assertEquals(Optional.empty(), door.claim("gpio:12"), "claiming again for the same task");
        assertEquals(Optional.of("door"), status.claim("gpio:12"));
        assertEquals(Optional.empty(), status.claim("gpio:17"));
        assertEquals(Optional.of("status"), door.claim("gpio:17"));
        assertEquals(Optional.empty(), TaskEnvironment.of("other", UNUSED, LOGGER, new HashMap<>()).claim("gpio:12"),
                "another registry has claims of its own");
    }

    @Test
    void aMissingRequiredServiceIsNamed() {
        TaskEnvironment env = TaskEnvironment.of("status", UNUSED, LOGGER, new HashMap<>());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.requireService(Runnable.class));
        assertEquals("task 'status' needs a java.lang.Runnable service, and none is registered", e.getMessage());
    }
}
