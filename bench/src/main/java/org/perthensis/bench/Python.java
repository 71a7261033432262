package org.perthensis.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The CPython interpreter the asyncio peers run on: the system's own first (Debian's
 * {@code /usr/bin/python3}), never a version manager's shim script, which adds its own
 * start-up and, under pyenv, finds a slower build.
 *
 * @param path the interpreter
 * @param version such as {@code CPython 3.11.2}
 */
record Python(Path path, String version) {

    /** Overrides the choice, as a path to a CPython 3 interpreter. */
    static final String ENV = "PERTHENSIS_BENCH_PYTHON";

    static Optional<Python> find() {
        for (Path candidate : candidates()) {
            if (!Files.isExecutable(candidate) || isScript(candidate)) {
                continue;
            }
            String version = versionOf(candidate);
            if (version != null && version.startsWith("CPython 3.")) {
                return Optional.of(new Python(candidate, version));
            }
        }
        return Optional.empty();
    }

    /** What was looked at, for the note when none is found. */
    static String lookedAt() {
        return String.join(", ", candidates().stream().map(Path::toString).toList());
    }

    private static List<Path> candidates() {
        Set<Path> all = new LinkedHashSet<>();
        String override = System.getenv(ENV);
        if (override != null && !override.isBlank()) {
            all.add(Path.of(override));
        }
        all.add(Path.of("/usr/bin/python3"));
        all.add(Path.of("/usr/local/bin/python3"));
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(":")) {
                if (!dir.isEmpty()) {
                    all.add(Path.of(dir, "python3"));
                }
            }
        }
        return new ArrayList<>(all);
    }

    /** A shim (pyenv, asdf) is a shell script that finds and execs the real interpreter. */
    private static boolean isScript(Path p) {
        try (var in = Files.newInputStream(p)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && head[0] == '#' && head[1] == '!';
        } catch (IOException e) {
            return true;
        }
    }

    private static String versionOf(Path python) {
        try {
            Process p = new ProcessBuilder(python.toString(), "-c",
                    "import platform; print(platform.python_implementation(), platform.python_version())")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
