package org.perthensis.mqtt;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real subscriber: Debian's {@code mosquitto_sub} on a broker, collecting what arrives. With
 * an id it keeps a session on the broker (clean session off, QoS 1), so messages published
 * while it is away wait for it; it reconnects by itself after the broker restarts.
 */
public final class Subscriber implements AutoCloseable {
    /** Generous: a loaded two-core machine. */
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    /**
     * One message as received.
     *
     * @param retained whether the broker sent it as a retained message
     * @param topic its topic
     * @param payload its payload as text
     */
    public record Line(boolean retained, String topic, String payload) {
    }

    private final Process process;
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    private Subscriber(Process process) {
        this.process = process;
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    int a = line.indexOf(' ');
                    int b = line.indexOf(' ', a + 1);
                    if (a < 0 || b < 0) {
                        errors.add(line);
                        continue;
                    }
                    lines.add(new Line(line.substring(0, a).equals("1"), line.substring(a + 1, b), line.substring(b + 1)));
                }
            } catch (IOException e) {
                errors.add(e.toString());
            }
        });
    }

    private static final java.util.concurrent.atomic.AtomicInteger IDS = new java.util.concurrent.atomic.AtomicInteger();

    /** Subscribes to {@code filter} with a clean session, and waits until the broker has the subscription. */
    public static Subscriber start(Mosquitto broker, String filter) throws IOException {
        return start(broker, filter, "sub-" + ProcessHandle.current().pid() + "-" + IDS.incrementAndGet(), false);
    }

    /** Subscribes to {@code filter} keeping a session under {@code id}: what is published while it is away waits for it. */
    public static Subscriber persistent(Mosquitto broker, String filter, String id) throws IOException {
        return start(broker, filter, id, true);
    }

    private static Subscriber start(Mosquitto broker, String filter, String id, boolean keep) throws IOException {
        List<String> command = new ArrayList<>(List.of(Mosquitto.find("mosquitto_sub").orElseThrow(() ->
                new IOException("mosquitto_sub is missing; apt-get install mosquitto-clients")).toString(),
                "-h", "127.0.0.1", "-p", Integer.toString(broker.port()), "-t", filter, "-q", "1",
                "-F", "%r %t %p", "-V", "mqttv311"));
        command.addAll(List.of("-i", id));
        if (keep) {
            command.add("-c");
        }
        Subscriber s = new Subscriber(new ProcessBuilder(command).redirectErrorStream(true).start());
        String subscribed = id + " 1 " + filter;
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (broker.log().stream().noneMatch(l -> l.endsWith(subscribed))) {
            if (System.nanoTime() > deadline) {
                fail("mosquitto_sub did not subscribe within " + PATIENCE.toSeconds() + "s: " + s.errors);
            }
            pause();
        }
        return s;
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    /** The messages on one topic, in the order they came. */
    public List<Line> on(String topic) {
        return lines.stream().filter(l -> l.topic().equals(topic)).toList();
    }

    /** Waits until a message matches. */
    public Line await(Predicate<Line> wanted, String what) {
        return await(wanted, what, PATIENCE);
    }

    public Line await(Predicate<Line> wanted, String what, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            for (Line l : lines) {
                if (wanted.test(l)) {
                    return l;
                }
            }
            pause();
        }
        return fail("no message " + what + " within " + patience.toSeconds() + "s; received:\n" + String.join("\n",
                lines.stream().map(Line::toString).toList()) + (errors.isEmpty() ? "" : "\nmosquitto_sub said: " + errors));
    }

    /** Waits until {@code count} messages match. */
    public List<Line> awaitCount(Predicate<Line> wanted, int count, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        List<Line> found = List.of();
        while (System.nanoTime() < deadline) {
            found = lines.stream().filter(wanted).toList();
            if (found.size() >= count) {
                return found;
            }
            pause();
        }
        return fail(found.size() + " messages " + what + " within " + PATIENCE.toSeconds() + "s, not " + count
                + "; received:\n" + String.join("\n", lines.stream().map(Line::toString).toList()));
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
