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
}
