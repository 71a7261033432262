package org.perthensis.web;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the page's header says about the device: its host name, the Perthensis version, the
 * Java it runs on and when the process started. Found once, when the task is created.
 *
 * @param host the host name, from the kernel (no DNS lookup)
 * @param version the runtime's version: the {@code app} module's, else this module's
 * @param java the Java version and vendor
 * @param system the operating system and processor
 * @param started when the process started
 */
record Device(String host, String version, String java, String system, Instant started) {

    static Device here() {
        return new Device(hostName(), runtimeVersion(), Runtime.version() + " (" + System.getProperty("java.vm.vendor", "?") + ")",
                System.getProperty("os.name", "?") + " " + System.getProperty("os.version", "") + " "
                        + System.getProperty("os.arch", ""),
                ProcessHandle.current().info().startInstant().orElse(Instant.now()));
    }

    /** The fields as the page reads them, with the time now so the page can tell the device's clock from its own. */
    Map<String, Object> toMap(Instant now) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("host", host);
        map.put("version", version);
        map.put("java", java);
        map.put("system", system);
        map.put("started", started);
        map.put("now", now);
        return map;
    }

    private static String hostName() {
        for (String file : new String[] {"/proc/sys/kernel/hostname", "/etc/hostname"}) {
            try {
                String name = Files.readString(Path.of(file)).strip();
                if (!name.isEmpty()) {
                    return name;
                }
            } catch (IOException | RuntimeException e) {
                // not Linux, or not readable: try the next
            }
        }
        String env = System.getenv("HOSTNAME");
        return env == null || env.isBlank() ? "(unknown host)" : env;
    }

    private static String runtimeVersion() {
        Module app = ModuleLayer.boot().findModule("app").orElse(Device.class.getModule());
        ModuleDescriptor descriptor = app.getDescriptor();
        return descriptor == null ? "(unknown version)"
                : descriptor.rawVersion().orElse("(unknown version)");
    }
}
