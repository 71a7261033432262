/**
 * Task type {@code ntp}: an SNTP client that keeps the device's idea of time right and offers
 * the corrected time to other tasks as an {@link org.perthensis.api.WallClock} service.
 *
 * <p>Also a library: {@link org.perthensis.ntp.NtpProvider} makes the task from plain Java,
 * and {@link org.perthensis.ntp.NtpClock} tells the last sync's details.
 *
 * @provides org.perthensis.api.TaskProvider
 */
module org.perthensis.ntp {
    // Transitive: the exported types implement and return API types.
    requires transitive org.perthensis.api;

    exports org.perthensis.ntp;

    provides org.perthensis.api.TaskProvider with org.perthensis.ntp.NtpProvider;
}
