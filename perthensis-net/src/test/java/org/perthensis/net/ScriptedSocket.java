package org.perthensis.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.concurrent.CountDownLatch;

/**
 * A socket that talks to no server, for failures a real one cannot produce on cue: it
 * connects at once (or is refused), its writes go to the given stream, and its reads wait
 * until it is closed, then see the end of the stream.
 */
final class ScriptedSocket extends Socket {
    private final OutputStream out;
    private final CountDownLatch closed = new CountDownLatch(1);

    private ScriptedSocket(OutputStream out) {
        this.out = out;
    }

    /** A socket that connects, writing into {@code out}. */
    static ScriptedSocket writingTo(OutputStream out) {
        return new ScriptedSocket(out);
    }

    /** A socket whose connection is refused. */
    static ScriptedSocket refused() {
        return new ScriptedSocket(null);
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        if (out == null) {
            throw new ConnectException("Connection refused");
        }
    }

    @Override
    public void setTcpNoDelay(boolean on) {
    }

    @Override
    public void setKeepAlive(boolean on) {
    }

    @Override
    public void setSoTimeout(int timeout) {
    }

    @Override
    public InputStream getInputStream() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                return read(new byte[1], 0, 1);
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    closed.await();
                } catch (InterruptedException e) {
                    throw new IOException("interrupted", e);
                }
                return -1;
            }
        };
    }

    @Override
    public OutputStream getOutputStream() {
        return out;
    }

    @Override
    public synchronized void close() throws IOException {
        closed.countDown();
        super.close();
    }
}
