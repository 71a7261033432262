package org.perthensis.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Plays systemd's side of {@code sd_notify}: a UNIX datagram socket (a path, or {@code @name}
 * in the abstract namespace) bound by a small Python program, which prints each datagram as
 * {@code MILLIS MESSAGE} (newlines in it shown as {@code |}), the time on its monotonic clock.
 * Java cannot bind a UNIX datagram socket, which is the point of the app's own native code.
 */
final class NotifyListener implements AutoCloseable {

    static final Path PYTHON = Path.of("/usr/bin/python3");

    private static final String SCRIPT = """
            import socket, sys, time
            address = sys.argv[1]
            s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            s.bind("\\0" + address[1:] if address.startswith("@") else address)
            print("listening", flush=True)
            while True:
                data = s.recv(4096)
                print("%d %s" % (time.monotonic_ns() // 1000000, data.decode().replace("\\n", "|")), flush=True)
            """;

    private final AppProcess python;
    final String address;

    NotifyListener(Path dir, String address) {
        Tools.require("python3 (to play systemd's notify socket)", PYTHON.toString());
        this.address = address;
        try {
            Path script = Files.writeString(dir.resolve("notify-listener.py"), SCRIPT);
            python = Tools.start(dir, Map.of(), List.of(PYTHON.toString(), script.toString(), address));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        python.awaitOut("listening"::equals, "listening (the socket is bound)");
    }

    /** Every datagram so far, as {@code MILLIS MESSAGE}. */
    List<String> messages() {
        return python.out().stream().filter(l -> !l.equals("listening")).toList();
    }

    /** Waits for a datagram whose message matches. */
    String await(Predicate<String> message, String what) {
        return python.awaitOut(line -> !line.equals("listening") && message.test(line.substring(line.indexOf(' ') + 1)), what);
    }

    static long millis(String line) {
        return Long.parseLong(line.substring(0, line.indexOf(' ')));
    }

    static String message(String line) {
        return line.substring(line.indexOf(' ') + 1);
    }

    @Override
    public void close() {
        python.close();
    }
}
