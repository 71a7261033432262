package org.perthensis.mqtt;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** The device's host name, the default client id: what {@code hostname} prints. */
final class HostName {
    private static final Path KERNEL = Path.of("/proc/sys/kernel/hostname");

    private HostName() {
    }

    static String get() {
        try {
            String name = Files.readString(KERNEL).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | SecurityException notLinux) {
            // not Linux: ask the resolver, which knows the local name without the network
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "perthensis";
        }
    }
}
