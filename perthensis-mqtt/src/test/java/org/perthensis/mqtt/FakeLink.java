package org.perthensis.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A scripted broker for tests under virtual time: each connection attempt takes the next
 * outcome of {@link #outcomes} (connected when empty); publishes complete at once unless
 * {@link #holdAcks}, and are recorded.
 */
final class FakeLink implements Link {

    /** Makes links, keeping each, all sharing one script. */
    static final class Factory implements Link.Factory {
        final Deque<LinkFailure> outcomes = new ArrayDeque<>();
        final List<FakeLink> made = new ArrayList<>();
        boolean holdAcks;

        @Override
        public Link create(Setup setup) {
            FakeLink link = new FakeLink(this, setup);
            made.add(link);
            return link;
        }

        FakeLink last() {
            return made.getLast();
        }

        /** Every message published over every link, as {@code topic payload}. */
        List<String> published() {
            List<String> all = new ArrayList<>();
            for (FakeLink l : made) {
                all.addAll(l.published);
            }
            return all;
        }
    }

    final Setup setup;
    private final Factory factory;
    final List<String> published = new ArrayList<>();
    final List<String> subscribed = new ArrayList<>();
    final List<CompletableFuture<Void>> held = new ArrayList<>();
    byte[] password;
    boolean connected;
    boolean disconnected;

    private FakeLink(Factory factory, Setup setup) {
        this.factory = factory;
        this.setup = setup;
    }

    @Override
    public CompletableFuture<Void> connect(byte[] password) {
        this.password = password == null ? null : password.clone();
        LinkFailure outcome = factory.outcomes.pollFirst();
        if (outcome != null) {
            return CompletableFuture.failedFuture(outcome);
        }
        connected = true;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain) {
        if (!connected) {
            return CompletableFuture.failedFuture(new LinkFailure(LinkFailure.Kind.CONNECTION, "not connected"));
        }
        published.add(topic + " " + new String(payload, UTF_8) + (retain ? " (retained)" : ""));
        if (factory.holdAcks && !topic.endsWith("/status")) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            held.add(f);
            return f;
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> subscribe(String filter, int qos) {
        subscribed.add(filter);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> unsubscribe(String filter) {
        subscribed.remove(filter);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> disconnect() {
        boolean was = connected;
        connected = false;
        disconnected = true;
        return was ? CompletableFuture.completedFuture(null)
                : CompletableFuture.failedFuture(new LinkFailure(LinkFailure.Kind.CONNECTION, "not connected"));
    }

    /** The broker goes away, as the client would report it. */
    void lose(String reason) {
        connected = false;
        for (CompletableFuture<Void> f : held) {
            f.completeExceptionally(new LinkFailure(LinkFailure.Kind.CONNECTION, reason));
        }
        held.clear();
        setup.lost().accept(reason);
    }

    /** Acknowledges the oldest {@code n} held publishes. */
    void ack(int n) {
        for (int i = 0; i < n && !held.isEmpty(); i++) {
            held.removeFirst().complete(null);
        }
    }

    /** A message from the broker. */
    void deliver(String topic, String payload, boolean retained) {
        setup.incoming().accept(new Incoming(topic, payload.getBytes(UTF_8), retained));
    }
}
