package org.perthensis.distribution;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The distribution the build assembled ({@code distribution/target/perthensis}), and ways to
 * launch it as users do: {@code java -p mods -m app}, with the JDK that runs the build.
 */
final class Distribution {

    static final Path HOME = Path.of(System.getProperty("perthensis.dist", "target/perthensis"));
    static final Path MODS = HOME.resolve("mods");
    static final Path EXAMPLE_PLUGIN = Path.of(System.getProperty("perthensis.examplePlugin",
            "target/example-plugins/perthensis-example-counter.jar"));
    static final String VERSION = System.getProperty("perthensis.version", "0.1.0-SNAPSHOT");
    static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    private Distribution() {
    }

    /** The build's index of which jar provides each task type, beside {@code mods/}. */
    static final Path INDEX = HOME.resolve("task-types.index");

    /**
     * Copies the module folder, and the index beside it, to add or leave out jars without
     * touching the built one.
     *
     * @param into the folder to create {@code mods} in
     * @param add jars to add
     * @param leaveOut names of jars to leave out, such as {@code perthensis-ntp.jar}
     * @return the new module folder
     */
    static Path copyMods(Path into, List<Path> add, String... leaveOut) {
        Path mods = into.resolve("mods");
        Set<String> left = Set.of(leaveOut);
        try (Stream<Path> jars = Files.list(MODS)) {
            Files.createDirectories(mods);
            for (Path jar : jars.toList()) {
                if (!left.contains(jar.getFileName().toString())) {
                    Files.copy(jar, mods.resolve(jar.getFileName()));
                }
            }
            if (Files.isRegularFile(INDEX)) {
                Files.copy(INDEX, into.resolve(INDEX.getFileName()));
            }
            for (Path jar : add) {
                assertTrue(Files.isRegularFile(jar), jar + " is missing; build with mvn verify");
                Files.copy(jar, mods.resolve(jar.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return mods;
    }

    /**
     * Starts {@code java -p mods -m app args...} in {@code workDir}.
     *
     * @param workDir the working directory, where {@code ./perthensis.json} is looked for
     * @param mods the module folder
     * @param args the app's arguments
     * @return the running process
     */
    static AppProcess start(Path workDir, Path mods, String... args) {
        return start(workDir, List.of(), mods, args);
    }

    /**
     * Starts {@code java JVM-OPTIONS -p mods -m app args...} in {@code workDir}.
     *
     * @param workDir the working directory, where {@code ./perthensis.json} is looked for
     * @param jvmOptions options for the JVM, such as {@code -XX:SharedArchiveFile=...}
     * @param mods the module folder
     * @param args the app's arguments
     * @return the running process
     */
    static AppProcess start(Path workDir, List<String> jvmOptions, Path mods, String... args) {
        List<String> command = new ArrayList<>(List.of(JAVA.toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-p", mods.toString(), "-m", "app"));
        command.addAll(Arrays.asList(args));
        try {
            return new AppProcess(new ProcessBuilder(command).directory(workDir.toFile()).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The task types the module folder provides, as {@code --list} prints them.
     *
     * @param workDir a working directory
     * @param mods the module folder
     * @return the type names, sorted
     */
    static List<String> types(Path workDir, Path mods) {
        try (AppProcess list = start(workDir, mods, "--list")) {
            list.awaitExit();
            return list.out().stream()
                    .filter(line -> !line.startsWith("TYPE ") && !line.startsWith("No task types"))
                    .map(line -> line.split(" ", 2)[0])
                    .sorted()
                    .toList();
        }
    }

    static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
