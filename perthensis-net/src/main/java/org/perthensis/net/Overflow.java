package org.perthensis.net;

/** What a full outgoing queue drops. */
enum Overflow {
    /** Drop the line waiting longest, keeping the newest. */
    DROP_OLDEST,
    /** Drop the line being sent, keeping the oldest. */
    DROP_NEWEST;

    String text() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static Overflow parse(String text) {
        for (Overflow o : values()) {
            if (o.text().equals(text)) {
                return o;
            }
        }
        throw new IllegalArgumentException("overflow: expected drop-oldest or drop-newest, was '" + text + "'");
    }
}
