package org.perthensis.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.spi.ToolProvider;

/**
 * A test-only plugin jar, compiled here against the distribution's API jar: task type {@code hog}
 * sleeps {@code after}, then keeps the turn forever, as a task stuck in a busy loop would.
 * {@code { "type": "hog", "after": "2s" }}
 */
final class HogPlugin {

    private HogPlugin() {
    }

    /** Builds {@code perthensis-test-hog.jar} in {@code dir}. */
    static Path build(Path dir) {
        try {
            Path src = dir.resolve("hog-src");
            Path classes = dir.resolve("hog-classes");
            Files.createDirectories(src.resolve("org/perthensis/test/hog"));
            Files.writeString(src.resolve("module-info.java"), """
                    module org.perthensis.test.hog {
                        requires org.perthensis.api;
                        exports org.perthensis.test.hog;
                        provides org.perthensis.api.TaskProvider with org.perthensis.test.hog.HogProvider;
                    }
                    """);
            Files.writeString(src.resolve("org/perthensis/test/hog/HogProvider.java"), """
                    package org.perthensis.test.hog;

                    import java.time.Duration;
                    import org.perthensis.api.Task;
                    import org.perthensis.api.TaskEnvironment;
                    import org.perthensis.api.TaskProvider;

                    public final class HogProvider implements TaskProvider<HogProvider.Config> {
                        public record Config(Duration after) {
                        }

                        static volatile long spins; // written, so that no compiler drops the loop

                        public HogProvider() {
                        }

                        public String type() {
                            return "hog";
                        }

                        public Class<Config> configType() {
                            return Config.class;
                        }

                        public Task create(Config config, TaskEnvironment env) {
                            return s -> {
                                s.sleep(config.after());
                                env.logger().log(System.Logger.Level.INFO, "keeping the turn from now on");
                                while (true) {
                                    spins++; // never hands the turn on: no scheduler call
                                }
                            };
                        }
                    }
                    """);
            tool("javac", "--release", "21", "--module-path", Distribution.MODS.resolve("perthensis-api.jar").toString(),
                    "-d", classes.toString(), src.resolve("module-info.java").toString(),
                    src.resolve("org/perthensis/test/hog/HogProvider.java").toString());
            Path jar = dir.resolve("perthensis-test-hog.jar");
            tool("jar", "--create", "--file", jar.toString(), "-C", classes.toString(), ".");
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void tool(String name, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true);
        int code = ToolProvider.findFirst(name).orElseThrow(() -> new IllegalStateException("no " + name + " in this JDK"))
                .run(print, print, args);
        assertEquals(0, code, name + " failed:\n" + out);
    }
}
