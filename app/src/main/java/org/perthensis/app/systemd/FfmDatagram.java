package org.perthensis.app.systemd;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@link NotifySocket} through Java's foreign-function API ({@code java.lang.foreign}), final
 * since Java 22. The app is compiled for Java 21, where that API is a preview, so it is
 * reached through reflection; the downcall handles themselves are plain method handles. The
 * JVM warns about a restricted method unless started with {@code --enable-native-access=app},
 * which {@code bin/perthensis} passes.
 */
final class FfmDatagram implements NotifySocket {

    private final MethodHandle sendto;
    private final MethodHandle close;
    private final Memory memory;
    private final byte[] address;
    private final int fd;
    private final boolean wideSize;

    private FfmDatagram(MethodHandle sendto, MethodHandle close, Memory memory, byte[] address, int fd, boolean wideSize) {
        this.sendto = sendto;
        this.close = close;
        this.memory = memory;
        this.address = address;
        this.fd = fd;
        this.wideSize = wideSize;
    }

    /**
     * Opens a socket for {@code address}.
     *
     * @throws IOException if the socket cannot be made
     * @throws ReflectiveOperationException if this JVM has no final foreign-function API
     */
    static FfmDatagram open(byte[] address) throws IOException, ReflectiveOperationException {
        if (Runtime.version().feature() < 22) {
            throw new ClassNotFoundException("the foreign-function API is final from Java 22 on; this is "
                    + Runtime.version().feature());
        }
        Memory memory = new Memory();
        // Methods are taken from the public interfaces: the objects' own classes are the JDK's internals.
        Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
        Object linker = linkerType.getMethod("nativeLinker").invoke(null);
        Object lookup = linkerType.getMethod("defaultLookup").invoke(linker);
        Object intL = memory.layout("JAVA_INT");
        Object sizeL = memory.layout(memory.wideSize ? "JAVA_LONG" : "JAVA_INT");
        Object addressL = memory.layout("ADDRESS");
        MethodHandle socket = memory.downcall(linker, lookup, "socket", intL, intL, intL, intL);
        MethodHandle sendto = memory.downcall(linker, lookup, "sendto", sizeL, intL, addressL, sizeL, intL, addressL, intL);
        MethodHandle close = memory.downcall(linker, lookup, "close", intL, intL);
        int fd;
        Object state = memory.captureState();
        try {
            fd = (int) socket.invokeWithArguments(state, AF_UNIX, SOCK_DGRAM_CLOEXEC, 0);
        } catch (Throwable e) {
            throw new IOException("socket() failed: " + e, e);
        }
        if (fd < 0) {
            throw new IOException("cannot open a UNIX datagram socket: " + NotifySocket.errno(memory.errno(state)));
        }
        return new FfmDatagram(sendto, close, memory, address.clone(), fd, memory.wideSize);
    }

    @Override
    public synchronized void send(String message) throws IOException {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        try (Memory.Scope scope = memory.scope()) {
            Object buffer = scope.bytes(text);
            Object to = scope.bytes(address);
            Object state = scope.captureState();
            Object sent = sendto.invokeWithArguments(state, fd, buffer, size(text.length), SEND_FLAGS, to, address.length);
            if (((Number) sent).longValue() < 0) {
                throw new IOException(NotifySocket.errno(memory.errno(state)));
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("sendto() failed: " + e, e);
        }
    }

    private Object size(int n) {
        return wideSize ? (Object) (long) n : (Object) n;
    }

    @Override
    public String how() {
        return "Java's foreign-function API";
    }

    @Override
    public synchronized void close() {
        try {
            Object state = memory.captureState();
            close.invokeWithArguments(state, fd);
        } catch (Throwable e) {
            // closing at exit: nothing left to do about it
        }
    }

    /** The reflective part: layouts, downcall handles, native memory in arenas, errno. */
    private static final class Memory {
        private final Class<?> layout = Class.forName("java.lang.foreign.MemoryLayout");
        private final Class<?> valueLayout = Class.forName("java.lang.foreign.ValueLayout");
        private final Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
        private final Class<?> descriptor = Class.forName("java.lang.foreign.FunctionDescriptor");
        private final Class<?> option = Class.forName("java.lang.foreign.Linker$Option");
        private final Class<?> arena = Class.forName("java.lang.foreign.Arena");
        private final Class<?> pathElement = Class.forName("java.lang.foreign.MemoryLayout$PathElement");
        private final Object stateLayout = option.getMethod("captureStateLayout").invoke(null);
        private final long stateSize = (long) layout.getMethod("byteSize").invoke(stateLayout);
        private final long errnoOffset = (long) layout.getMethod("byteOffset", pathElement.arrayType()).invoke(stateLayout,
                array(pathElement, pathElement.getMethod("groupElement", String.class).invoke(null, "errno")));
        private final Object global = arena.getMethod("global").invoke(null);
        private final Method allocate = arena.getMethod("allocate", long.class);
        private final Method asByteBuffer = segment.getMethod("asByteBuffer");
        final boolean wideSize = (long) layout.getMethod("byteSize").invoke(layout("ADDRESS")) == 8;

        Memory() throws ReflectiveOperationException {
        }

        Object layout(String name) throws ReflectiveOperationException {
            return valueLayout.getField(name).get(null);
        }

        /** A downcall handle of a C function that records errno: its first argument is the capture state. */
        MethodHandle downcall(Object linker, Object lookup, String name, Object result, Object... arguments)
                throws ReflectiveOperationException {
            Optional<?> symbol = (Optional<?>) Class.forName("java.lang.foreign.SymbolLookup").getMethod("find", String.class)
                    .invoke(lookup, name);
            Object function = symbol.orElseThrow(() -> new NoSuchMethodException("the C library has no " + name + "()"));
            Object[] args = (Object[]) Array.newInstance(layout, arguments.length);
            System.arraycopy(arguments, 0, args, 0, arguments.length);
            Object fd = descriptor.getMethod("of", layout, layout.arrayType()).invoke(null, result, args);
            Object capture = option.getMethod("captureCallState", String[].class).invoke(null, (Object) new String[] {"errno"});
            Method downcall = Class.forName("java.lang.foreign.Linker").getMethod("downcallHandle", segment, descriptor,
                    option.arrayType());
            try {
                return (MethodHandle) downcall.invoke(linker, function, fd, array(option, capture));
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r; // such as IllegalCallerException without native access
                }
                throw e;
            }
        }

        /** Capture state for one call outside a scope: allocated once per call site, for the process's life. */
        Object captureState() throws ReflectiveOperationException {
            return allocate.invoke(global, stateSize);
        }

        int errno(Object state) throws ReflectiveOperationException {
            return ((ByteBuffer) asByteBuffer.invoke(state)).order(ByteOrder.nativeOrder()).getInt((int) errnoOffset);
        }

        Scope scope() throws ReflectiveOperationException {
            return new Scope(arena.getMethod("ofConfined").invoke(null));
        }

        private static Object array(Class<?> type, Object element) {
            Object a = Array.newInstance(type, 1);
            Array.set(a, 0, element);
            return a;
        }

        /** A confined arena: the memory of one send, freed when it closes. */
        final class Scope implements AutoCloseable {
            private final Object confined;

            Scope(Object confined) {
                this.confined = confined;
            }

            Object bytes(byte[] content) throws ReflectiveOperationException {
                Object s = allocate.invoke(confined, (long) Math.max(1, content.length));
                ((ByteBuffer) asByteBuffer.invoke(s)).put(content);
                return s;
            }

            Object captureState() throws ReflectiveOperationException {
                return allocate.invoke(confined, stateSize);
            }

            @Override
            public void close() {
                try {
                    arena.getMethod("close").invoke(confined);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
