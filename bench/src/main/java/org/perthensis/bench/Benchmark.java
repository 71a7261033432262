package org.perthensis.bench;

import java.util.List;

/**
 * One row of the comparison: the work, how Perthensis is measured doing it, how its asyncio
 * peer ({@code bench/peers/NAME.py}, or another one that fits better) does the same work, and
 * the targets.
 */
interface Benchmark {

    /** The short name, also the peer script's name. */
    String name();

    /** The work, in one line. */
    String what();

    /** Exactly what is measured and how, with the definitions; the same for the peer. */
    String method();

    /** The figures, the headline first. */
    List<Metric> metrics();

    Side perthensis(Harness h) throws Exception;

    /** Measures the peer: the asyncio script, or whatever {@link #peerName()} says. */
    Side asyncio(Harness h) throws Exception;

    /** What the peer is, where it is not CPython asyncio (there is no asyncio journal). */
    default String peerName() {
        return "asyncio";
    }

    /** The targets, judged on the medians. */
    List<Check> checks(Side ours, Side peer);
}
