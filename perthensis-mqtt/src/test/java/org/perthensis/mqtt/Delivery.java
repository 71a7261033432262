package org.perthensis.mqtt;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * What "at least once, in order" means for a stream of numbered messages, checked: every number
 * sent arrives; the numbers arrive in order, but for messages sent again after a lost connection,
 * which start again at or before the last one received and go on from there without a gap.
 */
public final class Delivery {

    /** What arrived, counted. */
    public record Report(int received, int distinct, int duplicates, int resends) {
    }

    private Delivery() {
    }

    /**
     * Checks {@code received} against {@code sent}.
     *
     * @param sent every number that must arrive
     * @param received the numbers as they arrived, in order
     * @return the counts, for the test's own bounds on duplicates
     */
    public static Report check(Collection<Long> sent, List<Long> received) {
        TreeSet<Long> missing = new TreeSet<>(sent);
        missing.removeAll(received);
        if (!missing.isEmpty()) {
            fail(missing.size() + " of " + sent.size() + " messages never arrived: " + sample(missing)
                    + "; received " + received.size());
        }
        int duplicates = 0;
        int resends = 0;
        TreeSet<Long> seen = new TreeSet<>();
        Long last = null;
        for (int i = 0; i < received.size(); i++) {
            long v = received.get(i);
            if (last != null && v != last + 1 && sent.contains(last + 1) && v > last) {
                fail("out of order at " + i + ": " + v + " after " + last + ", although " + (last + 1) + " was sent;"
                        + " around it: " + received.subList(Math.max(0, i - 5), Math.min(received.size(), i + 5)));
            }
            if (last != null && v <= last) {
                resends++;
            }
            if (!seen.add(v)) {
                duplicates++;
            }
            last = v;
        }
        return new Report(received.size(), seen.size(), duplicates, resends);
    }

    private static String sample(TreeSet<Long> numbers) {
        List<Long> first = new ArrayList<>(numbers).subList(0, Math.min(20, numbers.size()));
        return first + (numbers.size() > 20 ? " ..." : "");
    }
}
