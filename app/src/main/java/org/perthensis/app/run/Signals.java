package org.perthensis.app.run;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;

/**
 * Catches SIGINT, SIGTERM and SIGHUP with {@code sun.misc.Signal} (module {@code jdk.unsupported}), so a
 * second signal can exit at once: once the JVM runs its shutdown hooks it ignores more signals.
 * Called reflectively because javac warns on every direct use of {@code sun.misc}, and that
 * warning cannot be suppressed.
 */
public final class Signals {

    private Signals() {
    }

    /**
     * Calls {@code handler} with the signal's name ({@code INT}, {@code TERM}, {@code HUP}) each time one arrives.
     *
     * @param handler called on the JVM's signal thread
     * @param names the signals to catch
     * @return false if this JVM did not allow it for every signal; the JVM's own handling then stays for those
     */
    public static boolean install(Consumer<String> handler, String... names) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> signalHandler = Class.forName("sun.misc.SignalHandler");
            Method getName = signal.getMethod("getName");
            InvocationHandler onSignal = (proxy, method, args) -> switch (method.getName()) {
                case "handle" -> {
                    handler.accept((String) getName.invoke(args[0]));
                    yield null;
                }
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> "perthensis signal handler";
            };
            Object proxy = Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {signalHandler}, onSignal);
            Method handle = signal.getMethod("handle", signal, signalHandler);
            boolean all = true;
            for (String name : names) {
                try {
                    handle.invoke(null, signal.getConstructor(String.class).newInstance(name), proxy);
                } catch (InvocationTargetException e) {
                    all = false; // taken by the JVM (-Xrs) or the OS; the others may still be ours
                }
            }
            return all;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
