/**
 * A crash-safe outbound journal: readings kept on disk while the uplink is down, sent when it
 * is back, nothing lost when the power goes. A plain library with no task type, shared by the
 * modules that forward data.
 *
 * <p>This module depends on {@code java.base} only.
 */
module org.perthensis.journal {
    exports org.perthensis.journal;
}
