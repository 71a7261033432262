package org.perthensis.net;

import java.time.Duration;
import org.perthensis.api.Checks;
import org.perthensis.api.FieldException;

/**
 * The {@code net} task's recovery ladder: what to do while the network stays down, each step
 * optional and due its own time after the network went down (the first failing check of the
 * outage). Each step runs once per outage (a command step again every {@code every} if given),
 * at most one step per check, in the order of their {@code after}; the ladder starts again
 * from its first step once the network is up.
 *
 * <pre>{@code
 * "recovery": {
 *   "reconnect":        { "after": "1min", "run": "nmcli radio wifi off && sleep 2 && nmcli radio wifi on" },
 *   "restartInterface": { "after": "5min", "run": "nmcli device down wlan0; nmcli device up wlan0" },
 *   "restartRuntime":   { "after": "15min" },
 *   "reboot":           { "after": "1h", "minUptime": "1h", "maxPerDay": 2 }
 * }
 * }</pre>
 *
 * @param reconnect a command that reconnects, such as Wi-Fi off and on (default: none)
 * @param restartInterface a command that restarts the interface (default: none)
 * @param restartRuntime stop every task and exit for systemd to start the runtime again (default: none)
 * @param reboot reboot the machine, guarded against boot loops (default: none)
 * @param stateFile where the ladder keeps what must survive a restart: the outage a runtime
 *        restart interrupted and the times of its reboots (default:
 *        {@code net-<task>.recovery} in {@code $STATE_DIRECTORY}, else in the working directory)
 */
public record Recovery(Command reconnect, Command restartInterface, Restart restartRuntime, Reboot reboot,
        String stateFile) {

    /**
     * Checks that there is a step.
     *
     * @throws IllegalArgumentException if no step is given
     * @throws FieldException for an empty {@code stateFile}
     */
    public Recovery {
        if (reconnect == null && restartInterface == null && restartRuntime == null && reboot == null) {
            throw new IllegalArgumentException("no step given; give at least one of reconnect,"
                    + " restartInterface, restartRuntime and reboot, or leave recovery out");
        }
        if (stateFile != null) {
            Checks.notBlank("stateFile", stateFile, "a file name, such as \"/var/lib/perthensis/net-wan.recovery\"");
        }
    }

    /**
     * A step that runs a shell command with {@code /bin/sh -c}; its exit status and the start of
     * its output are logged.
     *
     * @param after how long after the network went down it runs; required
     * @param run the command; required
     * @param every run it again this long after its last run while the network is still down
     *        (default: once per outage)
     * @param timeout a command still running after this is killed, with its children (default: 60s)
     */
    public record Command(Duration after, String run, Duration every, Duration timeout) {

        /**
         * Supplies defaults and checks every field.
         *
         * @throws FieldException for a missing or bad value, naming the field
         */
        public Command {
            after = Checks.notNegative("after", Checks.required("after", after, "a duration, such as \"1min\""), null);
            run = Checks.notBlank("run", run, "a shell command, such as \"nmcli radio wifi off && nmcli radio wifi on\"");
            if (every != null) {
                Checks.positive("every", every, null);
            }
            timeout = Checks.positive("timeout", timeout, Duration.ofSeconds(60));
        }
    }

    /**
     * The step that restarts the runtime: every task stops as on SIGTERM and the process exits
     * with {@link org.perthensis.api.RuntimeControl#RESTART_EXIT_CODE} (3). Once per outage,
     * also across the restart: the ladder goes on where it was.
     *
     * @param after how long after the network went down it happens; required
     */
    public record Restart(Duration after) {

        /**
         * Checks the field.
         *
         * @throws FieldException if {@code after} is missing or negative
         */
        public Restart {
            after = Checks.notNegative("after", Checks.required("after", after, "a duration, such as \"15min\""), null);
        }
    }

    /**
     * The step that reboots the machine through a command, only when the system has been up for
     * {@code minUptime} and fewer than {@code maxPerDay} reboots of this ladder happened in the
     * last 24 hours, so that a device whose network is gone for good never boot-loops. A due
     * reboot that may not happen yet waits, and the wait is logged.
     *
     * @param after how long after the network went down it is due; required
     * @param run the command that reboots (default: {@code systemctl reboot})
     * @param minUptime the least time since the machine booted (default: 1h)
     * @param maxPerDay the most reboots in any 24 hours, at least 1 (default: 2)
     * @param timeout a command still running after this is killed (default: 60s)
     */
    public record Reboot(Duration after, String run, Duration minUptime, Integer maxPerDay, Duration timeout) {

        /** The default reboot command: systemd's, which polkit may allow the service's user. */
        public static final String SYSTEMCTL_REBOOT = "systemctl reboot";

        /**
         * Supplies defaults and checks every field.
         *
         * @throws FieldException for a missing or bad value, naming the field
         */
        public Reboot {
            after = Checks.notNegative("after", Checks.required("after", after, "a duration, such as \"1h\""), null);
            run = run == null ? SYSTEMCTL_REBOOT : Checks.notBlank("run", run, "a shell command, such as \"systemctl reboot\"");
            minUptime = Checks.notNegative("minUptime", minUptime, Duration.ofHours(1));
            maxPerDay = Checks.atLeast("maxPerDay", maxPerDay, 1, 2);
            timeout = Checks.positive("timeout", timeout, Duration.ofSeconds(60));
        }
    }
}
