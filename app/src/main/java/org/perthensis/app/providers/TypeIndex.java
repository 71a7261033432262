package org.perthensis.app.providers;

import java.io.IOException;
import java.lang.module.ResolvedModule;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which jar of the distribution provides each task type, written by the build into
 * {@value #FILE_NAME} beside {@code mods/}, so that a warning about an absent type can say
 * which jar to add back without the app naming any module in its code.
 *
 * <p>One line per type, {@code type=jar module}, such as
 * {@code ntp=perthensis-ntp.jar org.perthensis.ntp}; lines starting with {@code #} are comments.
 */
public final class TypeIndex {

    /** The file's name, beside {@code mods/} (or in it). */
    public static final String FILE_NAME = "task-types.index";

    /**
     * Where one type comes from.
     *
     * @param jar the jar's file name, such as {@code perthensis-ntp.jar}
     * @param module the module's name
     */
    public record Source(String jar, String module) {
    }

    private static final TypeIndex EMPTY = new TypeIndex(Map.of());

    private final Map<String, Source> byType;

    private TypeIndex(Map<String, Source> byType) {
        this.byType = Map.copyOf(byType);
    }

    /**
     * An index that knows nothing, as in a build without the distribution.
     *
     * @return the empty index
     */
    public static TypeIndex empty() {
        return EMPTY;
    }

    /**
     * Reads an index's text; lines that are not {@code type=jar module} are ignored.
     *
     * @param text the file's content
     * @return the index
     */
    public static TypeIndex parse(String text) {
        Map<String, Source> byType = new TreeMap<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            int eq = l.indexOf('=');
            if (l.startsWith("#") || eq <= 0) {
                continue;
            }
            String[] source = l.substring(eq + 1).strip().split("\\s+");
            if (source.length == 2) {
                byType.put(l.substring(0, eq).strip(), new Source(source[0], source[1]));
            }
        }
        return new TypeIndex(byType);
    }

    /**
     * The index shipped with the jar a module was loaded from: in the folder of that jar
     * ({@code mods/}) or the folder above it.
     *
     * @param module the app's module
     * @return the index, or an empty one if there is none or it cannot be read
     */
    public static TypeIndex beside(Module module) {
        Path mods = location(module).map(Path::getParent).orElse(null);
        if (mods == null) {
            return EMPTY;
        }
        for (Path dir : mods.getParent() == null ? List.of(mods) : List.of(mods, mods.getParent())) {
            Path file = dir.resolve(FILE_NAME);
            if (Files.isRegularFile(file)) {
                try {
                    return parse(Files.readString(file, StandardCharsets.UTF_8));
                } catch (IOException | RuntimeException e) {
                    return EMPTY; // a hint the warning can do without
                }
            }
        }
        return EMPTY;
    }

    /**
     * The file a module was loaded from.
     *
     * @param module a module of the boot layer
     * @return its jar or folder, if it has one on the file system
     */
    static Optional<Path> location(Module module) {
        if (!module.isNamed() || module.getLayer() == null) {
            return Optional.empty();
        }
        return module.getLayer().configuration().findModule(module.getName())
                .map(ResolvedModule::reference)
                .flatMap(r -> r.location())
                .filter(uri -> "file".equals(uri.getScheme()))
                .map(URI::getPath)
                .map(Path::of);
    }

    /**
     * Where a type comes from.
     *
     * @param type a type name
     * @return its jar and module, if the index knows it
     */
    public Optional<Source> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /**
     * The types the index knows.
     *
     * @return their names, sorted
     */
    public Collection<String> types() {
        return new TreeSet<>(byType.keySet());
    }

    /**
     * The jars the index knows.
     *
     * @return their file names, sorted, each once
     */
    public List<String> jars() {
        return byType.values().stream().map(Source::jar).distinct().sorted().toList();
    }

    /**
     * The index's text.
     *
     * @return {@code type=jar module} lines, sorted by type
     */
    public String format() {
        StringBuilder out = new StringBuilder("# Written by the build: which jar in mods/ provides each task type.\n");
        new TreeMap<>(byType).forEach((type, s) -> out.append(type).append('=').append(s.jar()).append(' ')
                .append(s.module()).append('\n'));
        return out.toString();
    }

    /**
     * The index of the providers in a registry, as the build writes it.
     *
     * @param registry the providers found
     * @return the index of those loaded from a jar
     */
    static TypeIndex of(ProviderRegistry registry) {
        Map<String, Source> byType = new TreeMap<>();
        registry.all().forEach((type, provider) -> {
            Module module = provider.getClass().getModule();
            location(module).filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .ifPresent(jar -> byType.put(type, new Source(jar.getFileName().toString(), module.getName())));
        });
        return new TypeIndex(byType);
    }
}
