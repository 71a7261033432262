package org.perthensis.api;

/**
 * A listener registered with {@link Events#subscribe(String, java.util.function.Consumer)}.
 */
public interface Subscription extends AutoCloseable {

    /** Stops deliveries to the listener; closing again does nothing. */
    @Override
    void close();
}
