/**
 * The device on an MQTT broker: task type {@code mqtt}, with Home Assistant discovery and a
 * journal for what must not be lost while offline.
 *
 * @provides org.perthensis.api.TaskProvider
 */
module org.perthensis.mqtt {
    // Transitive: the exported config record has API types in it (Backoff.Config, JournalConfig).
    requires transitive org.perthensis.api;
    requires org.perthensis.journal;
    requires com.hivemq.client.mqtt;
    // For the client's callback thread (ClientThreads): RxJava is the API it takes a scheduler in.
    requires io.reactivex.rxjava2;
    // The client needs these at run time but, as an automatic module, cannot say so; named
    // modules are resolved only when required, and without them connecting fails with a
    // ClassNotFoundException (JCTools' queues) or a NoClassDefFoundError (Dagger's javax.inject).
    requires org.jctools.core;
    requires java.inject;

    exports org.perthensis.mqtt;

    provides org.perthensis.api.TaskProvider with org.perthensis.mqtt.MqttProvider;
}
