package org.perthensis.net;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits incoming bytes into newline-delimited UTF-8 lines ({@code \r\n} works too). Bytes that
 * are not UTF-8 become U+FFFD; a line longer than the limit is skipped up to its end and
 * reported once.
 */
final class LineSplitter {
    private final int maxBytes;
    private final Consumer<String> onLine;
    private final Runnable onOverlong;
    private byte[] line = new byte[128];
    private int length;
    private boolean skipping;

    LineSplitter(int maxBytes, Consumer<String> onLine, Runnable onOverlong) {
        this.maxBytes = maxBytes;
        this.onLine = onLine;
        this.onOverlong = onOverlong;
    }

    void feed(byte[] data, int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            byte b = data[i];
            if (b == '\n') {
                endOfLine();
            } else if (!skipping) {
                append(b);
            }
        }
    }

    /** Whether part of a line has arrived without its newline. */
    boolean hasPartialLine() {
        return length > 0 || skipping;
    }

    private void append(byte b) {
        if (length > maxBytes) { // one byte beyond the limit is room for a '\r' before the '\n'
            skipping = true;
            length = 0;
            return;
        }
        if (length == line.length) {
            line = Arrays.copyOf(line, Math.min(maxBytes + 1, line.length * 2));
        }
        line[length++] = b;
    }

    private void endOfLine() {
        int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        boolean tooLong = skipping || end > maxBytes;
        skipping = false;
        length = 0;
        if (tooLong) {
            onOverlong.run();
        } else {
            onLine.accept(new String(line, 0, end, UTF_8));
        }
    }
}
