package org.perthensis.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.ServiceConfigurationError;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Task;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskProvider;

class ProviderRegistryTest {

    private static final String VERSION = FakeProvider.class.getModule().getDescriptor().version().orElseThrow().toString();
    private static final String FAKE = "org.perthensis.app.FakeProvider (module app " + VERSION + ")";

    /** Not public: a provider must not be able to hide its config from the binder. */
    private record Hidden(Integer pin) {
    }

    /** A provider that cannot even say its type. */
    private static final class Unconfigured implements TaskProvider<Configs.Empty> {
        @Override
        public String type() {
            throw new IllegalStateException("not configured");
        }

        @Override
        public Class<Configs.Empty> configType() {
            return Configs.Empty.class;
        }

        @Override
        public Task create(Configs.Empty config, TaskEnvironment environment) {
            return s -> { };
        }
    }

    @Test
    void aProviderThatFailsToLoadIsReportedAndTheOthersGoOn() {
        TaskProvider<?> door = FakeProvider.of("debounce", Configs.Door.class);
        TaskProvider<?> beat = FakeProvider.of("heartbeat", Configs.Blink.class);
        Iterator<TaskProvider<?>> found = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < 3;
            }

            @Override
            public TaskProvider<?> next() {
                switch (next++) {
                    case 0 -> {
                        return door;
                    }
                    case 1 -> throw new ServiceConfigurationError(
                            "org.perthensis.api.TaskProvider: Provider org.example.Broken could not be instantiated",
                            new IllegalStateException("no config file"));
                    case 2 -> {
                        return beat;
                    }
                    default -> throw new NoSuchElementException();
                }
            }
        };
        ProviderRegistry registry = ProviderRegistry.load(found);
        assertEquals(List.of("debounce", "heartbeat"), List.copyOf(registry.all().keySet()));
        assertEquals(List.of("a task provider failed to load and was left out: org.perthensis.api.TaskProvider:"
                + " Provider org.example.Broken could not be instantiated (java.lang.IllegalStateException: no config file)"),
                registry.problems());
    }

    @Test
    void twoProvidersOfOneTypeMakeItUnusableWithAnErrorNamingBoth() {
        ProviderRegistry registry = ProviderRegistry.of(List.of(FakeProvider.of("debounce", Configs.Door.class),
                FakeProvider.of("heartbeat", Configs.Blink.class), FakeProvider.of("debounce", Configs.Door.class)));
        assertTrue(registry.isConflicted("debounce"));
        assertTrue(registry.find("debounce").isEmpty());
        assertEquals(List.of("heartbeat"), List.copyOf(registry.all().keySet()));
        assertEquals(List.of("type 'debounce' is provided by 2 modules: " + FAKE + " and " + FAKE
                + "; remove all but one of their jars from the module path"), registry.problems());
    }

    @Test
    void aProviderThatCannotBeUsedIsLeftOutWithTheReason() {
        ProviderRegistry registry = ProviderRegistry.of(List.of(
                FakeProvider.of("Heart Beat", Configs.Blink.class),
                FakeProvider.of("hidden", Hidden.class),
                new Unconfigured(),
                FakeProvider.of("empty", Configs.Empty.class)));
        assertEquals(List.of("empty"), List.copyOf(registry.all().keySet()));
        assertEquals(List.of(
                "task provider " + FAKE + " was left out: its type 'Heart Beat' is not lower-case letters, digits and dashes",
                "task provider " + FAKE + " of type 'hidden' was left out: its config record"
                        + " org.perthensis.app.ProviderRegistryTest$Hidden is not public; make it a public record",
                "task provider org.perthensis.app.ProviderRegistryTest$Unconfigured (module app " + VERSION + ") was left out:"
                        + " it failed to say its type: java.lang.IllegalStateException: not configured"),
                registry.problems());
    }

    @Test
    void anAbsentTypeSaysWhichJarProvidesItAndWhatIsAvailable() {
        ProviderRegistry none = ProviderRegistry.of(List.of());
        assertEquals("no module on the module path provides type 'rotary'; add perthensis-debounce.jar. Available: none.",
                none.absentMessage("rotary"));
        assertEquals("no module on the module path provides type 'connection'; add perthensis-net.jar. Available: none.",
                none.absentMessage("connection"));
        assertEquals("no module on the module path provides type 'hartbeat'; did you mean 'heartbeat', which"
                + " perthensis-heartbeat.jar provides? Available: none.", none.absentMessage("hartbeat"));
        ProviderRegistry some = ProviderRegistry.of(List.of(FakeProvider.of("debounce", Configs.Door.class),
                FakeProvider.of("counter", Configs.Empty.class)));
        assertEquals("no module on the module path provides type 'ntp'; add perthensis-ntp.jar."
                + " Available: counter, debounce.", some.absentMessage("ntp"));
        assertEquals("no module on the module path provides type 'countr'; did you mean 'counter'?"
                + " Available: counter, debounce.", some.absentMessage("countr"));
    }

    @Test
    void listsEveryTypeWithItsModuleVersionAndDescription() {
        ProviderRegistry registry = ProviderRegistry.of(List.of(FakeProvider.of("heartbeat", Configs.Blink.class),
                FakeProvider.of("debounce", Configs.Door.class)));
        String pad = " ".repeat(VERSION.length() - "VERSION".length());
        assertEquals("""
                TYPE       MODULE  VERSION%s  DESCRIPTION
                debounce   app     %s  a debounce for tests
                heartbeat  app     %s  a heartbeat for tests
                """.formatted(pad, VERSION, VERSION), TypeList.format(registry));
        assertEquals("No task types on the module path. Add feature module jars, such as perthensis-heartbeat.jar,"
                + " next to app.jar.\n", TypeList.format(ProviderRegistry.of(List.of())));
    }
}
