package org.perthensis.app.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The config's {@code gpio.provider}: which Pi4J plugin drives the pins. */
public enum GpioMode {
    /** gpiod on a Raspberry Pi (else linuxfs), Pi4J's mock elsewhere. The default. */
    AUTO,
    /** Simulated pins: Pi4J's mock plugin. */
    MOCK,
    /** The Linux GPIO character device, through Pi4J's gpiod plugin. */
    GPIOD,
    /** The legacy sysfs GPIO interface, through Pi4J's linuxfs plugin. */
    LINUXFS;

    /**
     * The name in the config file.
     *
     * @return such as {@code auto}
     */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The mode of a name in the config file.
     *
     * @param text such as {@code gpiod}
     * @return the mode, or empty if none has that name
     */
    public static Optional<GpioMode> of(String text) {
        return Arrays.stream(values()).filter(m -> m.text().equals(text)).findFirst();
    }
}
