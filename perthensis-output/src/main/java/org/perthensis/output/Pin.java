package org.perthensis.output;

/** The line an output drives: a Pi4J output in the runtime, anything a test records. */
interface Pin {

    /**
     * Drives the line to the level that means on or off.
     *
     * @param on {@code true} for the on level, which is LOW for an output wired active low
     */
    void set(boolean on);

    /**
     * The level the line is at, as Pi4J names it.
     *
     * @return {@code HIGH}, {@code LOW} or {@code UNKNOWN}
     */
    String level();
}
