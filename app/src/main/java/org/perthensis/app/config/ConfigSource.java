package org.perthensis.app.config;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/**
 * A config file parsed into a tree, remembering where each member and element was written,
 * so that an error found later, in the tree, can still name the line and column.
 *
 * <p>Places are JSON paths such as {@code $.tasks[2].settle}; a member's place is where its
 * name is written, an element's where its value starts. The file is read in one pass of
 * Jackson's streaming parser, strictly: a key written twice is an error.
 */
public final class ConfigSource {

    private static final String BYTE_ORDER_MARK = "\uFEFF";
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final JsonFactory STRICT = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final String name;
    private final JsonValue root;
    private final Map<String, int[]> positions;

    private ConfigSource(String name, JsonValue root, Map<String, int[]> positions) {
        this.name = name;
        this.root = root;
        this.positions = positions;
    }

    /**
     * Reads and parses a config file.
     *
     * @param file the path given on the command line, which messages name the file by
     * @return the parsed file
     * @throws ConfigException if it cannot be read, is not UTF-8 or not valid JSON, with a line and column
     */
    public static ConfigSource read(String file) {
        return parse(file, ConfigText.read(file));
    }

    /**
     * Parses a config file. A byte-order mark at the start, which Windows editors write, is
     * skipped: it is invisible, and the columns count from after it.
     *
     * @param name how messages name the file, such as the path given on the command line
     * @param text the file's content
     * @return the parsed file
     * @throws ConfigException for a syntax error, with its line and column
     */
    public static ConfigSource parse(String name, String text) {
        String json = text.startsWith(BYTE_ORDER_MARK) ? text.substring(1) : text;
        Map<String, int[]> positions = new HashMap<>();
        Deque<Open> open = new ArrayDeque<>();
        JsonValue root;
        try (JsonParser p = STRICT.createParser(json)) {
            try {
                root = tree(name, p, open, positions);
            } catch (JacksonException e) {
                TokenStreamLocation at = e.getLocation() != null ? e.getLocation() : p.currentTokenLocation();
                String inside = open.isEmpty() ? null : open.peek().path;
                throw syntaxError(name, at, JsonWords.syntax(e, inside, inside == null ? null : where(name, positions.get(inside))));
            }
        }
        return new ConfigSource(name, root, positions);
    }

    private static ConfigException syntaxError(String name, TokenStreamLocation at, String message) {
        String where = at == null || at.getLineNr() < 1 ? name + ":1:1" : name + ":" + at.getLineNr() + ":" + at.getColumnNr();
        return new ConfigException(List.of(new ConfigProblem(where, null, "not valid JSON: " + message)));
    }

    private static String where(String name, int[] at) {
        return at == null ? name + ":1:1" : name + ":" + at[0] + ":" + at[1];
    }

    /** An object or list still being read: its path and what it holds so far. */
    private static final class Open {
        final String path;
        final Map<String, JsonValue> members;
        final List<JsonValue> elements;
        String member;

        Open(String path, boolean list) {
            this.path = path;
            this.members = list ? null : new LinkedHashMap<>();
            this.elements = list ? new ArrayList<>() : null;
        }

        JsonValue value() {
            return members != null ? new JsonValue.Obj(members) : new JsonValue.Arr(elements);
        }
    }

    /** Reads the whole file into a tree, noting where each member and element is written; null for an empty file. */
    private static JsonValue tree(String name, JsonParser p, Deque<Open> open, Map<String, int[]> positions) {
        JsonValue root = null;
        JsonToken token;
        boolean sawRoot = false;
        while ((token = p.nextToken()) != null) {
            if (token == JsonToken.PROPERTY_NAME) {
                Open object = open.peek();
                object.member = p.currentName();
                positions.put(member(object.path, object.member), at(p.currentTokenLocation()));
                continue;
            }
            JsonValue value;
            if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                value = open.pop().value();
            } else {
                String path;
                Open parent = open.peek();
                if (parent == null) {
                    if (sawRoot) {
                        int[] at = at(p.currentTokenLocation());
                        throw new ConfigException(List.of(new ConfigProblem(name + ":" + at[0] + ":" + at[1], null,
                                "not valid JSON: more content after the end of the top-level value")));
                    }
                    sawRoot = true;
                    path = "$";
                    positions.put(path, at(p.currentTokenLocation()));
                } else if (parent.elements != null) {
                    path = element(parent.path, parent.elements.size());
                    positions.put(path, at(p.currentTokenLocation()));
                } else {
                    path = member(parent.path, parent.member);
                }
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    open.push(new Open(path, token == JsonToken.START_ARRAY));
                    continue;
                }
                value = scalar(p, token);
            }
            Open parent = open.peek();
            if (parent == null) {
                root = value;
            } else if (parent.elements != null) {
                parent.elements.add(value);
            } else {
                parent.members.put(parent.member, value);
            }
        }
        return root;
    }

    private static JsonValue scalar(JsonParser p, JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> new JsonValue.Str(p.getString());
            case VALUE_NUMBER_INT -> new JsonValue.Num(p.getString(), p.getNumberValue());
            case VALUE_NUMBER_FLOAT -> new JsonValue.Num(p.getString(), p.getDoubleValue());
            case VALUE_TRUE -> new JsonValue.Bool(true);
            case VALUE_FALSE -> new JsonValue.Bool(false);
            case VALUE_NULL -> JsonValue.Null.NULL;
            default -> throw new IllegalStateException("a JSON parser gave " + token + " as a value");
        };
    }

    private static int[] at(TokenStreamLocation location) {
        return new int[] {location.getLineNr(), location.getColumnNr()};
    }

    /**
     * The path of a member of an object.
     *
     * @param object the object's path
     * @param member the member's name
     * @return such as {@code $.gpio.provider}
     */
    public static String member(String object, String member) {
        return PLAIN_NAME.matcher(member).matches() ? object + "." + member
                : object + "['" + member.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    /**
     * The path of an element of a list.
     *
     * @param list the list's path
     * @param index the element's index, from 0
     * @return such as {@code $.tasks[2]}
     */
    public static String element(String list, int index) {
        return list + "[" + index + "]";
    }

    /**
     * How messages name the file.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The file's top-level value.
     *
     * @return it, or null for a file with none
     */
    JsonValue root() {
        return root;
    }

    /**
     * Where a path was written, or where the nearest enclosing value was, if the path itself
     * is not in the file (a missing field).
     *
     * @param path a JSON path
     * @return {@code file:line:column}; {@code file:1:1} if nothing matches (an empty file)
     */
    public String where(String path) {
        int[] at = position(path);
        return name + ":" + (at[0] == 0 ? "1:1" : at[0] + ":" + at[1]);
    }

    /**
     * The line and column of a path, or of its nearest enclosing value that was written.
     *
     * @param path a JSON path
     * @return {line, column}, or {0, 0} if nothing matches (an empty file)
     */
    int[] position(String path) {
        for (String p = path; p != null; p = parent(p)) {
            int[] at = positions.get(p);
            if (at != null) {
                return at;
            }
        }
        return new int[] {0, 0};
    }

    private static String parent(String path) {
        if (path.endsWith("]")) {
            int open = path.lastIndexOf('[');
            return open > 0 ? path.substring(0, open) : null;
        }
        int dot = path.lastIndexOf('.');
        return dot > 0 ? path.substring(0, dot) : null;
    }
}
