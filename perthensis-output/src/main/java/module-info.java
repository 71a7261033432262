/**
 * GPIO outputs that act: a relay, a lamp, a buzzer, switched by commands that arrive as events
 * (from rules, from MQTT, from any task), with a safe state when stopped and a {@code maxOn}
 * limit. Task type {@code output}.
 *
 * @provides org.perthensis.api.TaskProvider
 */
module org.perthensis.output {
    // The exported config record and provider are made of the API's types; Pi4J stays inside.
    requires transitive org.perthensis.api;
    requires com.pi4j;

    exports org.perthensis.output;

    provides org.perthensis.api.TaskProvider with org.perthensis.output.OutputProvider;
}
