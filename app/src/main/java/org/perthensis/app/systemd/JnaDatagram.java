package org.perthensis.app.systemd;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@link NotifySocket} through JNA, for Java 21, whose foreign-function API is a preview. JNA
 * is optional: the app {@code requires static com.sun.jna}, and this class is loaded only once
 * {@code jna.jar} was found in the module graph (Pi4J's linuxfs plugin brings it). The C
 * library's {@code long} is the size of {@code size_t} on Linux, so {@link NativeLong} carries
 * lengths on 32-bit and 64-bit boards alike.
 */
final class JnaDatagram implements NotifySocket {

    private final Function sendto;
    private final Function close;
    private final Memory address;
    private final int addressLength;
    private final int fd;

    private JnaDatagram(Function sendto, Function close, Memory address, int addressLength, int fd) {
        this.sendto = sendto;
        this.close = close;
        this.address = address;
        this.addressLength = addressLength;
        this.fd = fd;
    }

    /**
     * Opens a socket for {@code address}.
     *
     * @throws IOException if the socket cannot be made
     */
    static JnaDatagram open(byte[] address) throws IOException {
        NativeLibrary c = NativeLibrary.getInstance("c");
        int fd = c.getFunction("socket").invokeInt(new Object[] {AF_UNIX, SOCK_DGRAM_CLOEXEC, 0});
        if (fd < 0) {
            throw new IOException("cannot open a UNIX datagram socket: " + NotifySocket.errno(Native.getLastError()));
        }
        Memory to = new Memory(address.length);
        to.write(0, address, 0, address.length);
        return new JnaDatagram(c.getFunction("sendto"), c.getFunction("close"), to, address.length, fd);
    }

    @Override
    public synchronized void send(String message) throws IOException {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        Memory buffer = new Memory(Math.max(1, text.length));
        buffer.write(0, text, 0, text.length);
        NativeLong sent = (NativeLong) sendto.invoke(NativeLong.class,
                new Object[] {fd, buffer, new NativeLong(text.length), SEND_FLAGS, address, addressLength});
        if (sent.longValue() < 0) {
            throw new IOException(NotifySocket.errno(Native.getLastError()));
        }
    }

    @Override
    public String how() {
        return "JNA";
    }

    @Override
    public synchronized void close() {
        close.invokeInt(new Object[] {fd});
    }
}
