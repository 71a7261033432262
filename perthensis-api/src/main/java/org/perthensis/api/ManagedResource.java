package org.perthensis.api;

/**
 * One resource, such as an SPI bus, shared fairly between tasks: tasko's {@code ManagedResource}.
 * Made by {@link Scheduler#manage(Object, java.util.function.Consumer, java.util.function.Consumer)}.
 *
 * <p>Each user gets a {@link Handle} carrying its own argument (its chip-select pin); the
 * callbacks receive that argument around each use. The resource goes to one holder at a time,
 * first come first served; a waiting task costs nothing while it waits.
 *
 * <pre>{@code
 * ManagedResource<Spi, DigitalOutput> bus = scheduler.manage(spi, DigitalOutput::low, DigitalOutput::high);
 * ManagedResource.Handle<Spi> sensor = bus.handle(sensorCs);
 * try (var lease = sensor.acquire()) {
 *     lease.resource().transfer(request);
 * }
 * }</pre>
 *
 * @param <R> the resource type
 * @param <A> the per-handle argument type
 */
public interface ManagedResource<R, A> {

    /**
     * A handle for one user of the resource.
     *
     * @param argument what the callbacks receive when this handle acquires and releases
     * @return the handle
     */
    Handle<R> handle(A argument);

    /**
     * Whether some handle holds the resource now.
     *
     * @return {@code true} while leased
     */
    boolean isHeld();

    /**
     * One user's way to the resource.
     *
     * @param <R> the resource type
     */
    interface Handle<R> {

        /**
         * Suspends the calling task until the resource is its turn, then calls
         * {@code onAcquire} with this handle's argument.
         *
         * @return the lease; close it (try-with-resources) to give the resource back
         * @throws java.util.concurrent.CancellationException if the task is cancelled while waiting
         * @throws IllegalStateException if the calling task already holds this resource
         */
        Lease<R> acquire();
    }

    /**
     * The right to use the resource until closed.
     *
     * @param <R> the resource type
     */
    interface Lease<R> extends AutoCloseable {

        /**
         * The shared resource.
         *
         * @return the resource
         * @throws IllegalStateException after the lease was closed
         */
        R resource();

        /** Calls {@code onRelease} and passes the resource to the next waiter; closing again does nothing. */
        @Override
        void close();
    }
}
