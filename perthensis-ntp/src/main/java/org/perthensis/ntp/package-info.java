/**
 * The {@code ntp} task type: an SNTPv4 client (RFC 4330, RFC 5905 on the wire) that asks a few
 * servers in turn, keeps a slewed, never-backwards corrected wall clock, and publishes
 * {@code ntp.synced} and {@code ntp.failed} events.
 *
 * <p>From the configuration file the runtime calls {@link org.perthensis.ntp.NtpProvider}; from
 * plain Java, create the task the same way and look the clock up afterwards:
 *
 * <pre>{@code
 * Map<Class<?>, Object> services = new HashMap<>();
 * TaskEnvironment env = TaskEnvironment.of("clock", scheduler, System.getLogger("ntp"), services);
 * NtpProvider.Config config = new NtpProvider.Config(List.of("pool.ntp.org"), null, null, null, null, null);
 * scheduler.spawn("clock", new NtpProvider().create(config, env));
 * NtpClock clock = (NtpClock) env.requireService(WallClock.class);
 * }</pre>
 */
package org.perthensis.ntp;
