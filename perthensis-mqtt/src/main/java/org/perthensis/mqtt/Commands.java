package org.perthensis.mqtt;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import org.perthensis.api.Json;

/**
 * Commands from the broker: a message on {@code <prefix>/command/<name>} becomes the event
 * {@code mqtt.<task>.command.<name>}, levels of the name joined by dots, with the JSON received
 * (an object or a list) or else the text as its payload. A message that cannot be one is
 * malformed, and says why.
 */
final class Commands {
    /** Larger commands are refused: a device's commands are a word or a small object. */
    static final int MAX_BYTES = 64 * 1024;
    private static final Pattern LEVEL = Pattern.compile("[A-Za-z0-9_-]+");

    private final String topicPrefix;
    private final String eventPrefix;

    Commands(String prefix, String taskName) {
        this.topicPrefix = prefix + "/command/";
        this.eventPrefix = "mqtt." + taskName + ".command.";
    }

    /** What this task subscribes to. */
    String filter() {
        return topicPrefix + "#";
    }

    boolean isCommand(String topic) {
        return topic.startsWith(topicPrefix) || topic.equals(topicPrefix.substring(0, topicPrefix.length() - 1));
    }

    /**
     * A command read.
     *
     * @param name its name, such as {@code light} or {@code light.set}
     * @param topic the event to publish
     * @param payload a map or list for JSON, else the text
     * @param text the text received
     */
    record Command(String name, String topic, Object payload, String text) {
    }

    /**
     * Reads a message; empty with {@code why} filled if it is malformed.
     *
     * @param why receives the reason, for the log line
     */
    Optional<Command> read(Link.Incoming message, StringBuilder why) {
        if (message.retained()) {
            why.append("it is retained, so it would run again at every reconnection; publish commands without"
                    + " the retain flag");
            return Optional.empty();
        }
        String rest = message.topic().length() > topicPrefix.length() ? message.topic().substring(topicPrefix.length()) : "";
        String[] levels = rest.split("/", -1);
        for (String level : levels) {
            if (!LEVEL.matcher(level).matches()) {
                why.append("the command name after command/ must be letters, digits, '_' and '-' (levels"
                        + " separated by '/'), got \"").append(rest).append('"');
                return Optional.empty();
            }
        }
        if (message.payload().length > MAX_BYTES) {
            why.append("it has ").append(message.payload().length).append(" bytes, more than the ").append(MAX_BYTES)
                    .append(" a command may have");
            return Optional.empty();
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(message.payload())).toString();
        } catch (CharacterCodingException e) {
            why.append("it is not UTF-8 text");
            return Optional.empty();
        }
        String name = String.join(".", levels);
        String trimmed = text.strip();
        Object payload = text;
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                payload = Json.read(trimmed);
            } catch (IllegalArgumentException e) {
                why.append("it starts like JSON but is ").append(e.getMessage());
                return Optional.empty();
            }
        }
        return Optional.of(new Command(name, eventPrefix + name, payload, text));
    }
}
