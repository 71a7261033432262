package org.perthensis.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JournalConfigTest {

    @Test
    void defaultsAre64MegabytesSyncEverySecondAndDropOldest() {
        JournalConfig c = JournalConfig.in("/var/lib/perthensis/uplink");
        assertEquals(64L << 20, c.maxByteCount());
        assertEquals(Duration.ofSeconds(1), c.syncInterval());
        assertEquals(false, c.syncAlways());
        assertEquals(false, c.syncNever());
        assertEquals(true, c.dropOldest());
        assertEquals(null, c.maxAge());
    }

    @Test
    void sizesAndPoliciesAreReadAsWritten() {
        JournalConfig c = new JournalConfig("j", "1.5GB", "ALWAYS", "reject-newest", Duration.ofDays(7));
        assertEquals(3L << 29, c.maxByteCount());
        assertEquals(true, c.syncAlways());
        assertEquals(false, c.dropOldest());
        assertEquals(2048L << 10, new JournalConfig("j", "2048kB", "never", null, null).maxByteCount());
        assertEquals(Duration.ofMillis(250), new JournalConfig("j", null, "250ms", null, null).syncInterval());
    }

    @Test
    void badValuesNameTheirField() {
        assertEquals("dir: is required; give a folder for the journal's files, such as \"/var/lib/perthensis/uplink\"",
                assertThrows(FieldException.class, () -> new JournalConfig(null, null, null, null, null)).getMessage());
        assertEquals("maxBytes: must be a size such as \"64MB\" or \"512kB\", got \"64\"",
                assertThrows(FieldException.class, () -> new JournalConfig("j", "64", null, null, null)).getMessage());
        assertEquals("maxBytes: must be at least 2MB, got \"1MB\"",
                assertThrows(FieldException.class, () -> new JournalConfig("j", "1MB", null, null, null)).getMessage());
        assertEquals("sync: must be \"always\", \"never\" or a duration such as \"1s\", got \"sometimes\"",
                assertThrows(FieldException.class, () -> new JournalConfig("j", null, "sometimes", null, null)).getMessage());
        assertEquals("sync: must be positive, got 0s",
                assertThrows(FieldException.class, () -> new JournalConfig("j", null, "0s", null, null)).getMessage());
        assertEquals("overflow: must be one of \"drop-oldest\", \"reject-newest\", got \"drop-newest\"",
                assertThrows(FieldException.class, () -> new JournalConfig("j", null, null, "drop-newest", null)).getMessage());
    }
}
