package org.perthensis.rule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.perthensis.api.Checks;
import org.perthensis.api.Durations;
import org.perthensis.api.FieldException;
import org.perthensis.api.Json;

/**
 * One step of a rule's {@code do}: exactly one of {@code set} (with {@code to}),
 * {@code toggle}, {@code pulse} (with {@code for}), {@code wait} or {@code publish} (with an
 * optional {@code payload}).
 *
 * <pre>{@code
 * { "set": "light", "to": "on" }
 * { "toggle": "light" }
 * { "pulse": "opener", "for": "1s" }
 * { "wait": "30s" }
 * { "publish": "alarm.on", "payload": { "reason": "network down" } }
 * }</pre>
 *
 * <p>An output is acted on through its command event {@code output.<name>.set}, so a rule needs
 * no output module, only an output task of that name in the file.
 *
 * @param set the output to switch on or off, with {@code to}
 * @param to {@code on} or {@code off}, with {@code set}
 * @param toggle the output to switch over
 * @param pulse the output to switch on for {@code for}, then off
 * @param for_ how long a pulse lasts, with {@code pulse} (the field {@code "for"})
 * @param wait_ how long to wait before the next action (the field {@code "wait"})
 * @param publish the topic of an event to publish, such as {@code alarm.on}
 * @param payload the payload of the event, any JSON value (default: none)
 */
public record Action(String set, String to, String toggle, String pulse, Duration for_, Duration wait_,
        String publish, Object payload) {

    private static final Pattern TASK_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final String EXAMPLE = "such as {\"set\": \"light\", \"to\": \"on\"} or {\"wait\": \"30s\"}";

    /**
     * Checks that the action is one of the five, with the fields it needs and no others.
     *
     * @param set the output to switch, or null
     * @param to on or off, or null
     * @param toggle the output to switch over, or null
     * @param pulse the output to pulse, or null
     * @param for_ the pulse's length, or null
     * @param wait_ how long to wait, or null
     * @param publish the event's topic, or null
     * @param payload the event's payload, or null
     * @throws FieldException for a missing, extra or bad field, naming it
     */
    public Action {
        List<String> verbs = new ArrayList<>();
        if (set != null) {
            verbs.add("set");
        }
        if (toggle != null) {
            verbs.add("toggle");
        }
        if (pulse != null) {
            verbs.add("pulse");
        }
        if (wait_ != null) {
            verbs.add("wait");
        }
        if (publish != null) {
            verbs.add("publish");
        }
        if (verbs.isEmpty()) {
            throw Checks.invalid("set, toggle, pulse, wait or publish", "one is required; give the action, " + EXAMPLE);
        }
        if (verbs.size() > 1) {
            throw Checks.invalid(verbs.get(1), "must be an action of its own, in the next element of \"do\", got it"
                    + " beside " + Checks.quote(verbs.get(0)));
        }
        String verb = verbs.get(0);
        onlyWith("to", to != null, "set", verb);
        onlyWith("for", for_ != null, "pulse", verb);
        onlyWith("payload", payload != null, "publish", verb);
        switch (verb) {
            case "set" -> {
                output("set", set);
                Checks.required("to", to, "\"on\" or \"off\"");
                to = Checks.oneOf("to", to, null, List.of("on", "off"));
            }
            case "toggle" -> output("toggle", toggle);
            case "pulse" -> {
                output("pulse", pulse);
                Checks.required("for", for_, "how long the pulse lasts, such as \"1s\"");
                Checks.positive("for", for_, null);
            }
            case "wait" -> Checks.positive("wait", wait_, null);
            default -> {
                Checks.notBlank("publish", publish, "an event topic such as \"alarm.on\"");
                if (publish.contains("*")) {
                    throw Checks.invalid("publish", "must be an event topic, without '*', got " + Checks.quote(publish));
                }
                payload = payload == null ? null : Json.read(Json.write(payload)); // unmodifiable, as JSON carries it
            }
        }
    }

    private static void onlyWith(String field, boolean given, String owner, String verb) {
        if (given && !verb.equals(owner)) {
            throw Checks.invalid(field, "goes with \"" + owner + "\" only, got it with " + Checks.quote(verb));
        }
    }

    private static void output(String field, String name) {
        Checks.notBlank(field, name, "the name of an output task, such as \"light\"");
        if (!TASK_NAME.matcher(name).matches()) {
            throw Checks.invalid(field, "must be the name of an output task (letters, digits, '-' and '_'), got "
                    + Checks.quote(name));
        }
    }

    /**
     * What this action does: {@code set}, {@code toggle}, {@code pulse}, {@code wait} or {@code publish}.
     *
     * @return the action's field
     */
    public String verb() {
        return set != null ? "set" : toggle != null ? "toggle" : pulse != null ? "pulse" : wait_ != null ? "wait" : "publish";
    }

    /**
     * The output it acts on.
     *
     * @return the output's name, or null for {@code wait} and {@code publish}
     */
    public String output() {
        return set != null ? set : toggle != null ? toggle : pulse;
    }

    /**
     * The topic of the event it publishes.
     *
     * @return {@code output.<name>.set} for an output, the topic for {@code publish}, null for {@code wait}
     */
    String topic() {
        return wait_ != null ? null : publish != null ? publish : "output." + output() + ".set";
    }

    /**
     * The command it sends its output, as the output's {@code output.<name>.set} reads it.
     *
     * @param why who asks, such as {@code rule 'porch' (debounce.door)}
     * @return such as {@code {"set": "pulse", "for": 1s, "why": "..."}}
     */
    Map<String, Object> command(String why) {
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("set", set != null ? to : verb());
        if (for_ != null) {
            command.put("for", for_);
        }
        command.put("why", why);
        return Collections.unmodifiableMap(command);
    }

    /**
     * The action as the log shows it.
     *
     * @return such as {@code set light on}, {@code pulse opener for 1s}, {@code wait 30s}
     */
    String describe() {
        return switch (verb()) {
            case "set" -> "set " + set + " " + to;
            case "toggle" -> "toggle " + toggle;
            case "pulse" -> "pulse " + pulse + " for " + Durations.format(for_);
            case "wait" -> "wait " + Durations.format(wait_);
            default -> "publish " + publish + (payload == null ? "" : " " + Json.write(payload));
        };
    }
}
