package org.perthensis.net;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What a full outgoing queue drops. */
enum Overflow {
    /** Drop the line waiting longest, keeping the newest. */
    DROP_OLDEST,
    /** Drop the line being sent, keeping the oldest. */
    DROP_NEWEST;

    /** How the configuration writes each policy: {@code drop-oldest}, {@code drop-newest}. */
    static final List<String> TEXTS = Arrays.stream(values()).map(Overflow::text).toList();

    String text() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The policy a checked configuration names. */
    static Overflow of(String text) {
        return values()[TEXTS.indexOf(text)];
    }
}
