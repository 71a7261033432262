package org.perthensis.app.providers;

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
import org.perthensis.app.fakes.Configs;
import org.perthensis.app.fakes.FakeProvider;

class ProviderRegistryTest {

    private static final String VERSION = FakeProvider.class.getModule().getDescriptor().version().orElseThrow().toString();
    private static final String FAKE = "org.perthensis.app.fakes.FakeProvider (module app " + VERSION + ")";

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
        ProviderRegistry registry = ProviderRegistry.load(found, TypeIndex.empty());
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
                FakeProvider.of("timed", Configs.Timed.class),
                new Unconfigured(),
                FakeProvider.of("empty", Configs.Empty.class)));
        assertEquals(List.of("empty"), List.copyOf(registry.all().keySet()));
        assertEquals(List.of(
                "task provider " + FAKE + " was left out: its type 'Heart Beat' is not lower-case letters, digits and dashes",
                "task provider " + FAKE + " of type 'hidden' was left out: its config record"
                        + " org.perthensis.app.providers.ProviderRegistryTest$Hidden is not public; make it a public record",
                "task provider " + FAKE + " of type 'timed' was left out: its config record"
                        + " org.perthensis.app.fakes.Configs$Timed has a field of type java.time.Instant, which a config"
                        + " file cannot give; use strings, numbers, booleans, Duration, enums, records, lists and maps"
                        + " by string keys",
                "task provider org.perthensis.app.providers.ProviderRegistryTest$Unconfigured (module app " + VERSION + ") was left out:"
                        + " it failed to say its type: java.lang.IllegalStateException: not configured"),
                registry.problems());
    }

    /** The index the distribution's build writes, for a distribution of the project's modules. */
    static final TypeIndex INDEX = TypeIndex.parse("""
            # Written by the build: which jar in mods/ provides each task type.
            connection=perthensis-net.jar org.perthensis.net
            debounce=perthensis-debounce.jar org.perthensis.debounce
            heartbeat=perthensis-heartbeat.jar org.perthensis.heartbeat
            net=perthensis-net.jar org.perthensis.net
            ntp=perthensis-ntp.jar org.perthensis.ntp
            rotary=perthensis-debounce.jar org.perthensis.debounce
            """);

    @Test
    void anAbsentTypeSaysWhichJarTheIndexNamesAndWhatIsAvailable() {
        ProviderRegistry none = ProviderRegistry.of(List.of(), INDEX);
        assertEquals("no module on the module path provides type 'rotary'; add perthensis-debounce.jar. Available: none.",
                none.absentMessage("rotary"));
        ProviderRegistry some = ProviderRegistry.of(List.of(FakeProvider.of("debounce", Configs.Door.class),
                FakeProvider.of("counter", Configs.Empty.class)), INDEX);
        assertEquals("no module on the module path provides type 'ntp'; add perthensis-ntp.jar."
                + " Available: counter, debounce.", some.absentMessage("ntp"));
        assertEquals("no module on the module path provides type 'weather'; add the jar of a module that provides it."
                + " Available: counter, debounce.", some.absentMessage("weather"));
    }

    @Test
    void anAbsentTypeWithoutAnIndexSaysToAddTheJarOfAModuleThatProvidesIt() {
        ProviderRegistry some = ProviderRegistry.of(List.of(FakeProvider.of("debounce", Configs.Door.class)));
        assertEquals("no module on the module path provides type 'ntp'; add the jar of a module that provides it."
                + " Available: debounce.", some.absentMessage("ntp"));
    }

    @Test
    void aNearMissSuggestsAnAvailableTypeOrAnIndexedOneWithItsJar() {
        ProviderRegistry some = ProviderRegistry.of(List.of(FakeProvider.of("counter", Configs.Empty.class)), INDEX);
        assertEquals("no module on the module path provides type 'countr'; did you mean 'counter'?"
                + " Available: counter.", some.absentMessage("countr"));
        assertEquals("no module on the module path provides type 'hartbeat'; did you mean 'heartbeat', which"
                + " perthensis-heartbeat.jar provides? Available: counter.", some.absentMessage("hartbeat"));
    }

    @Test
    void theIndexReadsBackWhatItWrites() {
        assertEquals(INDEX.types(), TypeIndex.parse(INDEX.format()).types());
        assertEquals(INDEX.format(), TypeIndex.parse(INDEX.format()).format());
        assertEquals(List.of("perthensis-debounce.jar", "perthensis-heartbeat.jar", "perthensis-net.jar",
                "perthensis-ntp.jar"), INDEX.jars());
        assertEquals(new TypeIndex.Source("perthensis-net.jar", "org.perthensis.net"), INDEX.find("connection").orElseThrow());
    }
}
