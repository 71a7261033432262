package org.perthensis.bench;

/**
 * One target of a benchmark and whether the medians meet it.
 *
 * @param target the target as the issue states it
 * @param verdict met, missed, or not measured
 * @param detail the figures behind the verdict
 */
record Check(String target, Verdict verdict, String detail) {

    enum Verdict { PASS, MISS, NOT_MEASURED }

    static Check of(String target, boolean met, String detail) {
        return new Check(target, met ? Verdict.PASS : Verdict.MISS, detail);
    }

    static Check notMeasured(String target, String why) {
        return new Check(target, Verdict.NOT_MEASURED, why);
    }

    /** Issue 20's price of precision: no more process CPU per unit of work than the peer doing the same work. */
    static Check cpuNoMoreThanPeer(Metric cpuPer, Side ours, Side peer) {
        String target = cpuPer.label() + " <= asyncio's";
        if (!peer.measured()) {
            return notMeasured(target, peer.note());
        }
        double a = ours.median(cpuPer.key());
        double b = peer.median(cpuPer.peerKey());
        return of(target, a <= b, cpuPer.format(a) + " vs " + cpuPer.format(b));
    }

    /** Issue 20's precision: p50 lateness <= 50 us and p99 <= 300 us, from figures in microseconds. */
    static Check preciseLateness(Metric p50, Metric p99, Side ours) {
        double a = ours.median(p50.key());
        double b = ours.median(p99.key());
        return of("p50 <= 50 us and p99 <= 300 us", a <= 50 && b <= 300, "p50 " + p50.format(a) + ", p99 " + p99.format(b));
    }
}
