/**
 * The Perthensis runtime: reads {@code perthensis.json}, finds the task types on the module
 * path, owns the Pi4J context, supervises the tasks, handles signals and writes the log.
 * Launched with {@code java -p mods -m app}.
 *
 * <p>It requires no scheduler and no feature module: the scheduler comes through the API's
 * {@code Scheduler.create()}, task types through {@link org.perthensis.api.TaskProvider}, and
 * a jar left out of the module path only means its tasks are skipped with a warning. It
 * exports nothing.
 *
 * @uses org.perthensis.api.TaskProvider
 * @uses com.pi4j.extension.Plugin
 * @provides java.lang.System.LoggerFinder
 * @provides org.slf4j.spi.SLF4JServiceProvider
 */
module app {
    requires org.perthensis.api;
    // Jackson's streaming parser only: the app binds config records itself (config.ValueBinder),
    // as setting up the data-binding mapper took about a fifth of a second of every start.
    requires tools.jackson.core;
    requires com.pi4j;
    // Pi4J logs through SLF4J; the app is its binding, so those lines share the app's one sink.
    requires org.slf4j;
    // sun.misc.Signal, used reflectively: a second Ctrl-C must exit at once, which a shutdown hook cannot do.
    requires jdk.unsupported;
    // systemd's notify socket on Java 21, whose foreign-function API is a preview; optional: jna.jar
    // comes with Pi4J's linuxfs plugin, and the app loads its JNA class only once the module is there.
    requires static com.sun.jna;

    uses org.perthensis.api.TaskProvider;
    // The app picks one Pi4J plugin itself instead of letting Pi4J load every one on the path.
    uses com.pi4j.extension.Plugin;

    // Every System.Logger, the JDK's included, writes through the app's sink, which no shutdown hook closes.
    provides java.lang.System.LoggerFinder with org.perthensis.app.logging.SinkLoggerFinder;
    provides org.slf4j.spi.SLF4JServiceProvider with org.perthensis.app.logging.Slf4jProvider;
}
