/**
 * Debounced pins and buttons (task type {@code debounce}) and rotary encoders (task type
 * {@code rotary}), read through Pi4J. Also a library: {@link org.perthensis.debounce.Debouncer}
 * and {@link org.perthensis.debounce.RotaryEncoder}.
 *
 * @provides org.perthensis.api.TaskProvider
 */
module org.perthensis.debounce {
    requires transitive org.perthensis.api;
    requires transitive com.pi4j;

    exports org.perthensis.debounce;

    provides org.perthensis.api.TaskProvider
            with org.perthensis.debounce.DebounceProvider, org.perthensis.debounce.RotaryProvider;
}
