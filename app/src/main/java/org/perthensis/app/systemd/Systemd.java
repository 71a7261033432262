package org.perthensis.app.systemd;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.perthensis.api.Durations;
import org.perthensis.api.Task;
import org.perthensis.api.TaskList;

/**
 * The runtime's side of {@code sd_notify(3)}, for {@code Type=notify} units: present only when
 * {@code NOTIFY_SOCKET} is set; without it nothing here is loaded or done. The watchdog is fed
 * by a task on the loop ({@link #task}), so a stalled loop is what stops it.
 */
public final class Systemd implements AutoCloseable {

    /** Chooses how to reach the socket: {@code ffm}, {@code jna} or {@code auto} (the default); for tests and troubleshooting. */
    public static final String IMPLEMENTATION_PROPERTY = "perthensis.notify";

    private final NotifySocket socket;
    private final Duration watchdog;
    private final System.Logger log;
    private boolean stopping;
    private int failures;

    Systemd(NotifySocket socket, Duration watchdog, System.Logger log) {
        this.socket = socket;
        this.watchdog = watchdog;
        this.log = log;
    }

    /**
     * Connects to systemd's notification socket if the environment names one.
     *
     * @param environment the process's environment: {@code NOTIFY_SOCKET}, {@code WATCHDOG_USEC}, {@code WATCHDOG_PID}
     * @param log where the connection and its problems are logged
     * @return empty without {@code NOTIFY_SOCKET}, or when the socket cannot be reached (logged)
     */
    public static Optional<Systemd> connect(Map<String, String> environment, System.Logger log) {
        String address = environment.get("NOTIFY_SOCKET");
        if (address == null || address.isEmpty()) {
            return Optional.empty();
        }
        byte[] sockaddr;
        try {
            sockaddr = NotifySocket.sockaddr(address);
        } catch (IllegalArgumentException e) {
            log.log(WARNING, "systemd: " + e.getMessage() + "; systemd is not told that the runtime is ready");
            return Optional.empty();
        }
        Optional<NotifySocket> socket = open(sockaddr, System.getProperty(IMPLEMENTATION_PROPERTY, "auto"), log);
        if (socket.isEmpty()) {
            return Optional.empty();
        }
        Duration watchdog = watchdogInterval(environment, log);
        log.log(DEBUG, () -> "systemd: notifying " + address + " through " + socket.get().how()
                + (watchdog == null ? "" : "; feeding the watchdog every " + Durations.format(watchdog)));
        return Optional.of(new Systemd(socket.get(), watchdog, log));
    }

    private static Optional<NotifySocket> open(byte[] sockaddr, String wanted, System.Logger log) {
        String problem = null;
        if (!wanted.equals("jna")) {
            try {
                return Optional.of(FfmDatagram.open(sockaddr));
            } catch (IOException e) {
                log.log(WARNING, "systemd: " + e.getMessage() + "; systemd is not told that the runtime is ready");
                return Optional.empty();
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                problem = "Java's foreign-function API is not usable here (" + e.getMessage() + ")";
            }
        }
        if (!wanted.equals("ffm")) {
            Optional<Module> jna = ModuleLayer.boot().findModule("com.sun.jna");
            if (jna.isEmpty() || !Systemd.class.getModule().canRead(jna.get())) {
                problem = (problem == null ? "" : problem + ", and ") + "jna.jar is not in mods/";
            } else {
                try {
                    return Optional.of(JnaDatagram.open(sockaddr));
                } catch (IOException e) {
                    log.log(WARNING, "systemd: " + e.getMessage() + "; systemd is not told that the runtime is ready");
                    return Optional.empty();
                } catch (RuntimeException | LinkageError e) {
                    problem = (problem == null ? "" : problem + ", and ") + "JNA failed: " + e;
                }
            }
        }
        log.log(WARNING, "systemd: NOTIFY_SOCKET is set, but this JVM cannot send to it: " + problem + ". Use Java 22"
                + " or newer, or keep jna.jar in mods/; until then a Type=notify unit never sees the runtime ready");
        return Optional.empty();
    }

    /** Half of {@code WATCHDOG_USEC}, as {@code sd_watchdog_enabled(3)} advises; null when there is no watchdog for us. */
    static Duration watchdogInterval(Map<String, String> environment, System.Logger log) {
        String usec = environment.get("WATCHDOG_USEC");
        if (usec == null || usec.isEmpty()) {
            return null;
        }
        String pid = environment.get("WATCHDOG_PID");
        if (pid != null && !pid.isEmpty() && !pid.equals(Long.toString(ProcessHandle.current().pid()))) {
            return null; // meant for another process of the service, such as a shell that started us without exec
        }
        try {
            long micros = Long.parseLong(usec.strip());
            if (micros <= 0) {
                throw new NumberFormatException();
            }
            return Duration.ofNanos(micros * 1000 / 2);
        } catch (NumberFormatException e) {
            log.log(WARNING, "systemd: WATCHDOG_USEC=" + usec + " is not a positive number of microseconds; not feeding"
                    + " the watchdog");
            return null;
        }
    }

    /**
     * The interval at which the watchdog is fed.
     *
     * @return half of {@code WATCHDOG_USEC}, or empty without a watchdog
     */
    public Optional<Duration> watchdogInterval() {
        return Optional.ofNullable(watchdog);
    }

    /**
     * The task that tells systemd the runtime is ready, keeps its status line and feeds the
     * watchdog; spawn it after the configured tasks.
     *
     * @param tasks the supervisor's task list
     * @param longestRestartWait the longest a supervised task waits before it is restarted
     * @return the task
     */
    public Task task(TaskList tasks, Duration longestRestartWait) {
        return new NotifyTask(this, tasks, longestRestartWait, log);
    }

    /** Tells systemd the runtime is stopping, once; any thread. */
    public void stopping() {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
        }
        send("STOPPING=1");
    }

    /** Sends a message; a failure is logged once, and how many failed is said when one gets through again. */
    void send(String message) {
        try {
            socket.send(message);
            int failed;
            synchronized (this) {
                failed = failures;
                failures = 0;
            }
            if (failed > 0) {
                log.log(INFO, "systemd: notifying works again, after " + failed + (failed == 1 ? " message" : " messages")
                        + " that could not be sent");
            }
        } catch (IOException e) {
            int failed;
            synchronized (this) {
                failed = ++failures;
            }
            if (failed == 1) {
                log.log(WARNING, "systemd: cannot notify (" + firstLine(message) + "): " + e.getMessage());
            }
        }
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    @Override
    public void close() {
        int failed;
        synchronized (this) {
            failed = failures;
        }
        if (failed > 0) {
            log.log(WARNING, "systemd: " + failed + (failed == 1 ? " message" : " messages") + " could not be sent in all");
        }
        socket.close();
    }
}
