package org.perthensis.app.config;

import java.util.Set;

/**
 * The JSON name of a config record's component: its own name, except that a name no component
 * can have, with a trailing underscore, stands for that name: {@code if_}, {@code do_},
 * {@code for_} for the keywords, {@code wait_} for the method of {@code Object}. A rule's
 * {@code "if"}, {@code "do"} and {@code "wait"} are written that way.
 */
final class FieldNames {

    /** The reserved words of Java and the no-argument methods of {@code Object}: no component can be named so. */
    private static final Set<String> RESERVED = Set.of("clone", "finalize", "getClass", "hashCode", "notify",
            "notifyAll", "toString", "wait", "abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "false", "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "null", "package", "private", "protected", "public", "return",
            "short", "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient",
            "true", "try", "void", "volatile", "while");

    /**
     * The field a component binds.
     *
     * @param component the component's Java name
     * @return such as {@code if} for {@code if_}, or the name itself
     */
    static String json(String component) {
        if (component.endsWith("_")) {
            String word = component.substring(0, component.length() - 1);
            if (RESERVED.contains(word)) {
                return word;
            }
        }
        return component;
    }

    private FieldNames() {
    }
}
