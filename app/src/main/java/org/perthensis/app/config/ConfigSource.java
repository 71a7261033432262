package org.perthensis.app.config;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;

/**
 * A config file parsed into a tree, remembering where each member and element was written,
 * so that an error found later, in the tree, can still name the line and column.
 *
 * <p>Places are JSON paths such as {@code $.tasks[2].settle}; a member's place is where its
 * name is written, an element's where its value starts.
 */
public final class ConfigSource {

    private static final String BYTE_ORDER_MARK = "\uFEFF";
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private final String name;
    private final JsonNode root;
    private final Map<String, int[]> positions;

    private ConfigSource(String name, JsonNode root, Map<String, int[]> positions) {
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
        Deque<String> containers = new ArrayDeque<>();
        JsonNode root;
        try (JsonParser p = StrictJson.MAPPER.createParser(json)) {
            try {
                record(name, p, containers, positions);
            } catch (JacksonException e) {
                TokenStreamLocation at = e.getLocation() != null ? e.getLocation() : p.currentTokenLocation();
                String open = containers.isEmpty() ? null : containers.peek();
                throw syntaxError(name, at, JsonWords.syntax(e, open, open == null ? null : where(name, positions.get(open))));
            }
            root = StrictJson.MAPPER.readTree(json);
        } catch (JacksonException e) {
            // The tokens were fine, but a value broke a limit only reading it whole checks: a string too long.
            throw syntaxError(name, e.getLocation(), JsonWords.syntax(e, null, null));
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

    private static void record(String name, JsonParser p, Deque<String> containers, Map<String, int[]> positions) {
        Deque<int[]> nextIndex = new ArrayDeque<>(); // {index} for arrays, {-1} for objects
        String member = null;
        JsonToken token;
        boolean sawRoot = false;
        while ((token = p.nextToken()) != null) {
            if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                containers.pop();
                nextIndex.pop();
                continue;
            }
            if (token == JsonToken.PROPERTY_NAME) {
                member = member(containers.peek(), p.currentName());
                positions.put(member, at(p.currentTokenLocation()));
                continue;
            }
            String path;
            if (containers.isEmpty()) {
                if (sawRoot) {
                    int[] at = at(p.currentTokenLocation());
                    throw new ConfigException(List.of(new ConfigProblem(name + ":" + at[0] + ":" + at[1], null,
                            "not valid JSON: more content after the end of the top-level value")));
                }
                sawRoot = true;
                path = "$";
                positions.put(path, at(p.currentTokenLocation()));
            } else if (nextIndex.peek()[0] >= 0) {
                path = element(containers.peek(), nextIndex.peek()[0]++);
                positions.put(path, at(p.currentTokenLocation()));
            } else {
                path = member;
            }
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                containers.push(path);
                nextIndex.push(new int[] {token == JsonToken.START_ARRAY ? 0 : -1});
            }
        }
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

    JsonNode root() {
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
