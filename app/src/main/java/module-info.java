/**
 * The Perthensis runtime: reads {@code perthensis.json}, finds the task types on the module
 * path, owns the Pi4J context, supervises the tasks and handles signals. Launched with
 * {@code java -p mods -m app}.
 *
 * <p>It requires no scheduler and no feature module: the scheduler comes through the API's
 * {@code Scheduler.create()}, task types through {@link org.perthensis.api.TaskProvider}, and
 * a jar left out of the module path only means its tasks are skipped with a warning.
 *
 * @uses org.perthensis.api.TaskProvider
 * @uses com.pi4j.extension.Plugin
 */
module app {
    requires org.perthensis.api;
    requires tools.jackson.databind;
    requires com.pi4j;
    requires java.logging;
    // sun.misc.Signal, used reflectively: a second Ctrl-C must exit at once, which a shutdown hook cannot do.
    requires jdk.unsupported;

    uses org.perthensis.api.TaskProvider;
    // The app picks one Pi4J plugin itself instead of letting Pi4J load every one on the path.
    uses com.pi4j.extension.Plugin;
}
