/**
 * Help for testing Perthensis tasks: {@link org.perthensis.testing.RecordingLogger} keeps the
 * log lines a task writes, so a test asserts exactly what a user would read. Used by every
 * module's tests; a test dependency, never part of the distribution.
 */
module org.perthensis.testing {
    requires transitive org.perthensis.api;

    exports org.perthensis.testing;
}
