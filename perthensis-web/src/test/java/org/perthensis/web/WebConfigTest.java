package org.perthensis.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perthensis.api.FieldException;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.testing.RecordingLogger;

class WebConfigTest {

    private static String problem(Runnable config) {
        return assertThrows(FieldException.class, config::run).getMessage();
    }

    @Test
    void theDefaultsServeThisMachineOnlyOnPort8080() {
        WebProvider.Config c = new WebProvider.Config(null, null, null, null);
        assertEquals("127.0.0.1", c.bind());
        assertEquals(8080, c.port());
    }

    @Test
    void anAddressOtherMachinesReachNeedsAToken() {
        assertEquals("bind: \"0.0.0.0\" is reachable from other machines, so every request must carry a token; set"
                + " \"token\" (16 characters or more) or \"tokenFile\", or bind \"127.0.0.1\"",
                problem(() -> new WebProvider.Config("0.0.0.0", null, null, null)));
        assertEquals("bind: \"192.168.1.20\" is reachable from other machines, so every request must carry a token; set"
                + " \"token\" (16 characters or more) or \"tokenFile\", or bind \"127.0.0.1\"",
                problem(() -> new WebProvider.Config("192.168.1.20", 80, null, null)));
        new WebProvider.Config("127.0.0.2", null, null, null);
        new WebProvider.Config("::1", null, null, null);
        new WebProvider.Config("0.0.0.0", null, "0123456789abcdef", null);
    }

    @Test
    void badValuesAreNamedInTheUsersWords() {
        assertEquals("bind: must be an IP address such as \"127.0.0.1\" (this machine only), \"0.0.0.0\" (every IPv4"
                + " interface) or \"::\", got \"localhost\"", problem(() -> new WebProvider.Config("localhost", null, null, null)));
        assertEquals("bind: must be an IP address such as \"127.0.0.1\" (this machine only), \"0.0.0.0\" (every IPv4"
                + " interface) or \"::\", got \"300.1.1.1\"", problem(() -> new WebProvider.Config("300.1.1.1", null, null, null)));
        assertEquals("port: must be from 0 to 65535, got 70000", problem(() -> new WebProvider.Config(null, 70000, null, null)));
        assertEquals("token: must be 16 characters or more, got 6 characters",
                problem(() -> new WebProvider.Config(null, null, "secret", null)));
        assertEquals("token: must be printable ASCII without spaces, quotes, backslashes, commas or semicolons (it travels"
                + " in a header, a link and a cookie), got another character at position 5",
                problem(() -> new WebProvider.Config(null, null, "abcd efghijklmnopq", null)));
        assertEquals("tokenFile: give token or tokenFile, not both",
                problem(() -> new WebProvider.Config(null, null, "0123456789abcdef", "/etc/perthensis/web.token")));
    }

    @Test
    void aTokenFileThatCannotServeIsAMistakeFoundAtCreation(@TempDir Path dir) throws Exception {
        Scheduler s = Scheduler.builder().virtualTime().build();
        TaskEnvironment env = TaskEnvironment.of("status", s, new RecordingLogger(), new HashMap<>());
        WebProvider provider = new WebProvider();
        Path missing = dir.resolve("missing.token");
        assertEquals("tokenFile: cannot be read: " + missing + " does not exist", problem(() -> provider.create(
                new WebProvider.Config("0.0.0.0", null, null, missing.toString()), env)));
        Path empty = Files.writeString(dir.resolve("empty.token"), "\n");
        assertEquals("tokenFile: " + empty + " holds no token: its first line is empty", problem(() -> provider.create(
                new WebProvider.Config("0.0.0.0", null, null, empty.toString()), env)));
        Path shortOne = Files.writeString(dir.resolve("short.token"), "hunter2\n");
        assertEquals("tokenFile: the token in " + shortOne + " must be 16 characters or more, got 7 characters",
                problem(() -> provider.create(new WebProvider.Config("0.0.0.0", null, null, shortOne.toString()), env)));
    }
}
