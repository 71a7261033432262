package org.perthensis.net;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {
    private final List<String> lines = new ArrayList<>();
    private int overlong;
    private final LineSplitter splitter = new LineSplitter(5, lines::add, () -> overlong++);

    private void feed(String text) {
        byte[] bytes = text.getBytes(UTF_8);
        splitter.feed(bytes, 0, bytes.length);
    }

    @Test
    void linesEndAtNewlineWithOrWithoutCarriageReturnAndMaySpanReads() {
        feed("ab\ncd\r\nef");
        feed("g\n\n");
        assertEquals(List.of("ab", "cd", "efg", ""), lines);
        assertFalse(splitter.hasPartialLine());
    }

    @Test
    void aLineOfExactlyTheLimitPassesAndOneByteMoreIsDroppedAndCounted() {
        feed("12345\r\n123456\n1234567890123\nok\n");
        assertEquals(List.of("12345", "ok"), lines);
        assertEquals(2, overlong);
    }

    @Test
    void bytesThatAreNotUtf8BecomeReplacementCharacters() {
        splitter.feed(new byte[] {(byte) 0xFF, 'a', (byte) 0xC3, '\n', (byte) 0xC3, (byte) 0xA4, '\n'}, 0, 7);
        assertEquals(List.of("\uFFFDa\uFFFD", "ä"), lines);
    }

    @Test
    void aPartLineWithoutItsNewlineIsReported() {
        feed("ok\npart");
        assertTrue(splitter.hasPartialLine());
        assertEquals(List.of("ok"), lines);
    }
}
