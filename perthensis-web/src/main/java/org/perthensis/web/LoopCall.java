package org.perthensis.web;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.perthensis.api.Durations;
import org.perthensis.api.Scheduler;

/**
 * How a handler's thread gets what only the loop may read: it posts the work and waits for the
 * answer on its own thread, for a bounded time. The loop never waits for a handler; a loop
 * that does not answer (a task keeps the turn) makes the request fail, not hang.
 */
final class LoopCall {

    /** How long a request waits for the loop. */
    static final Duration PATIENCE = Duration.ofSeconds(2);

    /** The loop did not answer in time. */
    static final class NoAnswer extends Exception {
        private static final long serialVersionUID = 1L;

        NoAnswer(String message) {
            super(message);
        }
    }

    private LoopCall() {
    }

    static <T> T call(Scheduler scheduler, Supplier<T> work) throws NoAnswer {
        CompletableFuture<T> answer = new CompletableFuture<>();
        scheduler.post(() -> {
            try {
                answer.complete(work.get());
            } catch (RuntimeException | Error e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            return answer.get(PATIENCE.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new NoAnswer("the loop did not answer within " + Durations.format(PATIENCE)
                    + " (a task may be keeping the turn; see the log)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoAnswer("interrupted while waiting for the loop");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw (Error) e.getCause();
        }
    }
}
