package org.perthensis.app.providers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the {@link TypeIndex} of the task types on the module path; the distribution's build
 * runs it once on {@code mods/}: {@code java -p mods -m app/org.perthensis.app.providers.TypeIndexWriter FILE}.
 */
public final class TypeIndexWriter {

    private TypeIndexWriter() {
    }

    /**
     * Writes the index.
     *
     * @param args the file to write
     * @throws IOException if it cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java -p mods -m app/" + TypeIndexWriter.class.getName() + " FILE");
            System.exit(2);
        }
        ProviderRegistry registry = ProviderRegistry.discover(TypeIndex.empty());
        if (!registry.problems().isEmpty()) {
            // The distribution must not ship with a provider that fails: the build stops here.
            registry.problems().forEach(System.err::println);
            System.exit(1);
        }
        TypeIndex index = TypeIndex.of(registry);
        Files.writeString(Path.of(args[0]), index.format(), StandardCharsets.UTF_8);
        System.out.println("wrote " + args[0] + ": " + index.types().size() + " task types in " + index.jars().size() + " jars");
    }
}
