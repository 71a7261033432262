/**
 * An example of a third-party task type: the seed README's counter. Drop its jar next to the
 * others on the module path and {@code "type": "counter"} works in {@code perthensis.json},
 * with nothing rebuilt.
 *
 * @provides org.perthensis.api.TaskProvider
 */
module org.perthensis.example.counter {
    // transitive: the exported provider's methods take and return API types.
    requires transitive org.perthensis.api;

    exports org.perthensis.example.counter;

    provides org.perthensis.api.TaskProvider with org.perthensis.example.counter.CounterProvider;
}
