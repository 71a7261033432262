package org.perthensis.loop;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.perthensis.api.Checks;
import org.perthensis.api.Event;
import org.perthensis.api.Events;
import org.perthensis.api.Subscription;

/**
 * Events on the loop. Subscribers, listeners and waiting tasks alike, sit in one list in
 * subscription order, so delivery order is the order of subscription. Removal is O(1) and safe
 * during delivery; a subscriber added during a delivery does not see that event.
 */
final class EventBus implements Events {
    private final Loop loop;
    private final Map<String, Event> latest = new HashMap<>();
    private Subscriber head;
    private Subscriber tail;
    private long nextId;
    private long published;

    EventBus(Loop loop) {
        this.loop = loop;
    }

    @Override
    public void publish(String topic, Object payload) {
        checkTopic(topic);
        loop.onLoopOrPost(() -> deliver(new Event(topic, payload, loop.clock().nanos(), ++published)));
    }

    private void deliver(Event event) {
        latest.put(event.topic(), event);
        long lastId = nextId - 1;
        for (Subscriber s = head; s != null && s.id <= lastId; s = s.next) {
            if (!s.removed && s.matches(event.topic())) {
                s.deliver(event);
            }
        }
    }

    @Override
    public Subscription subscribe(String pattern, Consumer<Event> listener) {
        checkPattern(pattern);
        Objects.requireNonNull(listener, "listener");
        loop.checkOnLoop("subscribe");
        Listener s = new Listener(pattern, listener);
        add(s);
        return s;
    }

    @Override
    public Event await(String pattern) {
        return awaitEvent(pattern, -1).orElseThrow();
    }

    @Override
    public Optional<Event> await(String pattern, Duration timeout) {
        return awaitEvent(pattern, Math.max(0, Nanos.of(timeout, "timeout")));
    }

    private Optional<Event> awaitEvent(String pattern, long timeoutNanos) {
        checkPattern(pattern);
        Fiber me = loop.turn.requireTask("await");
        loop.turn.checkInterruption(me);
        Awaiter a = new Awaiter(pattern, me);
        add(a);
        if (timeoutNanos >= 0) {
            loop.timers.add(a.timeout, Nanos.saturatedAdd(loop.clock().nanos(), timeoutNanos));
        }
        me.result = null;
        me.wait = a;
        loop.turn.suspend(me);
        Event got = (Event) me.result;
        me.result = null;
        return Optional.ofNullable(got);
    }

    @Override
    public Optional<Event> last(String topic) {
        checkTopic(topic);
        loop.checkOnLoop("last");
        return Optional.ofNullable(latest.get(topic));
    }

    private void add(Subscriber s) {
        s.id = nextId++;
        s.prev = tail;
        if (tail != null) {
            tail.next = s;
        } else {
            head = s;
        }
        tail = s;
    }

    /** Unlinks {@code s}, keeping its {@code next} so that a delivery standing on it can go on. */
    private void remove(Subscriber s) {
        if (s.removed) {
            return;
        }
        s.removed = true;
        if (s.prev != null) {
            s.prev.next = s.next;
        } else {
            head = s.next;
        }
        if (s.next != null) {
            s.next.prev = s.prev;
        } else {
            tail = s.prev;
        }
    }

    private static void checkTopic(String topic) {
        if (!Events.isPattern(topic) || topic.endsWith("*")) {
            throw new IllegalArgumentException("an event topic must be a name without '*' such as \"net.up\", got "
                    + quoted(topic));
        }
    }

    private static void checkPattern(String pattern) {
        if (!Events.isPattern(pattern)) {
            throw new IllegalArgumentException("an event pattern must be a topic, or a prefix ending in '*' such as"
                    + " \"net.*\", got " + quoted(pattern));
        }
    }

    private static String quoted(String text) {
        return text == null ? "null" : Checks.quote(text);
    }

    private abstract static class Subscriber {
        final String exact;
        final String prefix;
        long id;
        Subscriber prev;
        Subscriber next;
        boolean removed;

        Subscriber(String pattern) {
            boolean isPrefix = pattern.endsWith("*");
            this.exact = isPrefix ? null : pattern;
            this.prefix = isPrefix ? pattern.substring(0, pattern.length() - 1) : null;
        }

        final boolean matches(String topic) {
            return exact != null ? exact.equals(topic) : topic.startsWith(prefix);
        }

        abstract void deliver(Event event);

        final String pattern() {
            return exact != null ? exact : prefix + "*";
        }
    }

    private final class Listener extends Subscriber implements Subscription {
        private final Consumer<Event> listener;

        Listener(String pattern, Consumer<Event> listener) {
            super(pattern);
            this.listener = listener;
        }

        @Override
        void deliver(Event event) {
            loop.turn.callback(() -> listener.accept(event),
                    "a listener of '" + pattern() + "' (event '" + event.topic() + "')");
        }

        @Override
        public void close() {
            loop.onLoopOrPost(() -> remove(this));
        }
    }

    /** A task waiting for one event; it leaves the list on the first match, on timeout or when interrupted. */
    private final class Awaiter extends Subscriber implements Wait {
        final Fiber fiber;
        final Timer timeout = new Timer() {
            @Override
            void expire() {
                loop.turn.resume(fiber, false); // woken with no event: the await returns empty
            }

            @Override
            Fiber wakes() {
                return fiber;
            }
        };

        Awaiter(String pattern, Fiber fiber) {
            super(pattern);
            this.fiber = fiber;
        }

        @Override
        void deliver(Event event) {
            fiber.result = event;
            loop.turn.resume(fiber, false);
        }

        @Override
        public void abort(Fiber f) {
            remove(this);
            loop.timers.remove(timeout);
        }
    }
}
