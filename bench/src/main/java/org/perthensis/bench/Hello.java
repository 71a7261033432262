package org.perthensis.bench;

/** The JVM's own start-up, for scale: prints the probe's line and ends. */
public final class Hello {
    private Hello() {
    }

    /**
     * Prints the line.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println(FirstTaskProbe.MARKER);
    }
}
