package org.perthensis.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Opening journals with segments smaller than the options allow, and reading them out. */
final class Journals {
    /** 4 KiB: tests copy and cut journals thousands of times; 1 MiB segments would take minutes. */
    static final int SMALL_SEGMENT = 4096;
    static final long UNBOUNDED = 1L << 40;

    private Journals() {
    }

    static FileJournal small(Path dir, JournalOptions options) throws IOException {
        return FileJournal.open(dir, options, SMALL_SEGMENT, UNBOUNDED);
    }

    static FileJournal small(Path dir, JournalOptions options, long maxBytes) throws IOException {
        return FileJournal.open(dir, options, SMALL_SEGMENT, maxBytes);
    }

    static List<Entry> readAll(Journal j) {
        List<Entry> all = new ArrayList<>();
        for (List<Entry> batch = j.read(100); !batch.isEmpty(); batch = j.read(100)) {
            all.addAll(batch);
        }
        return all;
    }

    static List<Long> seqs(List<Entry> entries) {
        return entries.stream().map(Entry::seq).toList();
    }

    static List<Path> segmentFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(Segment.SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Long> range(long from, long to) {
        List<Long> r = new ArrayList<>();
        for (long s = from; s <= to; s++) {
            r.add(s);
        }
        return r;
    }
}
