/**
 * The heartbeat: a status LED blinking in a pattern on the Perthensis scheduler, so that a
 * stalled loop shows as a stopped beat. Task type {@code heartbeat}; also a plain library
 * ({@link org.perthensis.heartbeat.Heartbeat}).
 *
 * @provides org.perthensis.api.TaskProvider
 */
module org.perthensis.heartbeat {
    // Both appear in the exported API: Heartbeat.beat(Scheduler) and LedOutput.of(DigitalOutput, boolean).
    requires transitive org.perthensis.api;
    requires transitive com.pi4j;

    exports org.perthensis.heartbeat;

    provides org.perthensis.api.TaskProvider with org.perthensis.heartbeat.HeartbeatProvider;
}
