package org.perthensis.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.perthensis.api.TaskProvider;
import org.perthensis.app.providers.ProviderRegistry;

/** The table {@code --list} prints: every task type on the module path with its module, version and description. */
final class TypeList {

    private TypeList() {
    }

    static String format(ProviderRegistry registry) {
        Map<String, TaskProvider<?>> all = registry.all();
        if (all.isEmpty()) {
            List<String> jars = registry.index().jars();
            return "No task types on the module path. Add feature module jars next to app.jar"
                    + (jars.isEmpty() ? "" : "; this distribution's are " + String.join(", ", jars)) + ".\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"TYPE", "MODULE", "VERSION", "DESCRIPTION"});
        all.forEach((type, provider) -> {
            Module module = provider.getClass().getModule();
            rows.add(new String[] {
                type,
                module.isNamed() ? module.getName() : "(class path)",
                module.isNamed() ? module.getDescriptor().version().map(Object::toString).orElse("-") : "-",
                description(provider)});
        });
        int[] width = new int[3];
        for (String[] row : rows) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < width.length; i++) {
                out.append(row[i]).append(" ".repeat(width[i] - row[i].length() + 2));
            }
            out.append(row[3]).append('\n');
        }
        return out.toString();
    }

    private static String description(TaskProvider<?> provider) {
        try {
            return provider.description().orElse("");
        } catch (RuntimeException e) {
            return "(its description failed: " + e + ")";
        }
    }
}
