package org.perthensis.app.systemd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A UNIX datagram socket that sends to systemd's notification socket. The JDK has no UNIX
 * datagram sockets, so this goes to the C library: through Java's foreign-function API where
 * it is final (Java 22 and later), else through JNA when {@code jna.jar} is on the module path.
 * A subprocess per message ({@code systemd-notify}) would be racy: systemd may not trace a
 * message from a process that has ended to the service.
 */
interface NotifySocket extends AutoCloseable {

    /** {@code AF_UNIX}. */
    int AF_UNIX = 1;
    /** {@code SOCK_DGRAM | SOCK_CLOEXEC}: a recover command started by a task does not inherit it. */
    int SOCK_DGRAM_CLOEXEC = 2 | 0x80000;
    /** {@code MSG_DONTWAIT | MSG_NOSIGNAL}: the loop never waits on systemd, and never gets SIGPIPE. */
    int SEND_FLAGS = 0x40 | 0x4000;
    /** The size of {@code sun_path} in {@code struct sockaddr_un}. */
    int SUN_PATH = 108;

    /**
     * Sends one datagram.
     *
     * @param message such as {@code READY=1}, lines separated by newlines
     * @throws IOException with the C library's reason if it could not be sent
     */
    void send(String message) throws IOException;

    /** Which implementation this is, for the log: {@code foreign-function API} or {@code JNA}. */
    String how();

    @Override
    void close();

    /**
     * The {@code struct sockaddr_un} of a {@code NOTIFY_SOCKET} value: a path such as
     * {@code /run/systemd/notify}, or {@code @name} for a name in Linux's abstract namespace
     * (sent with a leading zero byte and no terminating one, as systemd's own client does).
     *
     * @param address the value
     * @return the bytes to pass with their exact length
     * @throws IllegalArgumentException if it is neither, or too long
     */
    static byte[] sockaddr(String address) {
        boolean abstractName = address.startsWith("@");
        if (!abstractName && !address.startsWith("/")) {
            throw new IllegalArgumentException("NOTIFY_SOCKET=" + address + " is neither a path nor an abstract"
                    + " socket name (@...); only those are supported");
        }
        byte[] name = (abstractName ? address.substring(1) : address).getBytes(StandardCharsets.UTF_8);
        int pathBytes = name.length + 1; // the leading zero of an abstract name, or a path's terminating zero
        if (pathBytes > SUN_PATH) {
            throw new IllegalArgumentException("NOTIFY_SOCKET=" + address + " is longer than a UNIX socket address"
                    + " can be (" + (SUN_PATH - 1) + " bytes)");
        }
        ByteBuffer bytes = ByteBuffer.allocate(2 + pathBytes).order(ByteOrder.nativeOrder());
        bytes.putShort((short) AF_UNIX);
        if (abstractName) {
            bytes.put((byte) 0).put(name);
        } else {
            bytes.put(name).put((byte) 0);
        }
        return bytes.array();
    }

    /** The few errors a notification can meet, by name, as {@code strerror} would give them. */
    static String errno(int errno) {
        String name = switch (errno) {
            case 1 -> "Operation not permitted";
            case 2 -> "No such file or directory";
            case 11 -> "Resource temporarily unavailable (systemd is not reading)";
            case 13 -> "Permission denied";
            case 97 -> "Address family not supported";
            case 105 -> "No buffer space available";
            case 111 -> "Connection refused";
            default -> "error";
        };
        return name + " (errno " + errno + ")";
    }
}
