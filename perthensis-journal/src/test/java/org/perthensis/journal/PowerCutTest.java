package org.perthensis.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.perthensis.journal.JournalOptions.Sync;

/**
 * Power cuts, simulated on real files: a journal is written once under each sync policy, then
 * copies of it are cut where a power cut could have left them, or have random bytes flipped,
 * and opened. Every opening must succeed (or, for a flipped magic, refuse with its message),
 * keep exactly the records the damage spared, count what it lost, and never hand out a record
 * that is not the one appended.
 */
class PowerCutTest {
    static final long SEED = 20_261_123L;
    static final int RECORDS = 300;
    static final long ACKNOWLEDGED = 10;
    static final int CUTS = 1000;
    static final int FLIPS = 500;
    private static final String CHECKPOINT = Checkpoint.NAME;

    @TempDir
    Path tmp;

    /** Where a record lies, and when it was appended. */
    record Where(String file, int start, int end, long time) {
    }

    /**
     * A journal as written.
     *
     * @param files each file's bytes by name, segments in order and the checkpoint
     * @param where each record by sequence number
     * @param forcedBefore what the journal had forced when each append began
     */
    record Written(TreeMap<String, byte[]> files, Map<Long, Where> where, long[] forcedBefore) {
        List<String> segments() {
            return files.keySet().stream().filter(n -> n.endsWith(Segment.SUFFIX)).toList();
        }

        TreeSet<Integer> ends(String file) {
            TreeSet<Integer> ends = new TreeSet<>();
            ends.add(Format.HEADER_BYTES);
            where.values().stream().filter(w -> w.file.equals(file)).forEach(w -> ends.add(w.end));
            return ends;
        }
    }

    private Written write(Sync sync) throws IOException {
        Path dir = tmp.resolve("written-" + sync);
        JournalOptions options = JournalOptions.builder().sync(sync).syncInterval(Duration.ofMillis(1))
                .logger(new Lines()).build();
        long[] forcedBefore = new long[RECORDS + 1];
        try (FileJournal j = Journals.small(dir, options)) {
            for (long seq = 1; seq <= RECORDS; seq++) {
                forcedBefore[(int) seq] = j.forcedSeq();
                assertEquals(seq, j.append(Payloads.of(seq)));
                if (seq % 25 == 0) {
                    Thread.sleep(2); // lets the interval's forces fall between appends
                }
            }
            assertEquals(ACKNOWLEDGED, j.read((int) ACKNOWLEDGED).size());
            j.acknowledge(ACKNOWLEDGED);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        TreeMap<String, byte[]> files = new TreeMap<>();
        Map<Long, Where> where = new HashMap<>();
        for (Path p : Journals.segmentFiles(dir)) {
            byte[] b = Files.readAllBytes(p);
            files.put(p.getFileName().toString(), b);
            index(p.getFileName().toString(), b, where);
        }
        files.put(CHECKPOINT, Files.readAllBytes(dir.resolve(CHECKPOINT)));
        assertEquals(RECORDS, where.size());
        if (sync == Sync.ALWAYS) {
            for (int k = 1; k <= RECORDS; k++) {
                assertEquals(k - 1, forcedBefore[k], "ALWAYS forced every record before the next append");
            }
        }
        return new Written(files, where, forcedBefore);
    }

    private static void index(String name, byte[] b, Map<Long, Where> where) {
        Segment s = new Segment(Path.of(name), Format.firstSeq(b), Format.baseTime(b), Format.storedCrc(b, 24), b.length);
        Format.Parsed p = new Format.Parsed();
        CRC32C crc = new CRC32C();
        int pos = Format.HEADER_BYTES;
        while (pos < b.length) {
            int end = Format.parse(b, pos, b.length, s, 0, Long.MAX_VALUE, crc, p);
            assertTrue(end > 0, name + " as written must parse");
            where.put(p.seq, new Where(name, pos, end, p.time));
            pos = end;
        }
    }

    @ParameterizedTest
    @EnumSource(Sync.class)
    void cutWhereAPowerCutCouldHaveLeftTheFilesKeepsWhatWasForcedAndCountsTheCut(Sync sync) throws IOException {
        Written w = write(sync);
        Random random = new Random(SEED + sync.ordinal());
        for (int i = 0; i < CUTS; i++) {
            long k = 1 + random.nextInt(RECORDS); // the record being appended when the power went
            Where wk = w.where.get(k);
            long forced = w.forcedBefore[(int) k];
            TreeMap<String, byte[]> disk = new TreeMap<>();
            for (String name : w.segments()) {
                if (Segment.seqOf(name) <= k) {
                    byte[] b = w.files.get(name);
                    disk.put(name, name.equals(wk.file) ? Arrays.copyOf(b, wk.end) : b);
                }
            }
            List<String> existing = new ArrayList<>(disk.keySet());
            // Each segment change forces the full segment, except under NEVER, where any file may be short.
            String cutFile = sync == Sync.NEVER ? existing.get(random.nextInt(existing.size())) : wk.file;
            int lo = 0;
            if (sync != Sync.NEVER) {
                lo = forced > 0 && w.where.get(forced).file.equals(cutFile) ? w.where.get(forced).end : Format.HEADER_BYTES;
            }
            int hi = disk.get(cutFile).length;
            int x = lo + random.nextInt(hi - lo + 1);
            disk.put(cutFile, Arrays.copyOf(disk.get(cutFile), x));
            long acknowledged = 0;
            if (k > ACKNOWLEDGED) {
                disk.put(CHECKPOINT, w.files.get(CHECKPOINT));
                acknowledged = ACKNOWLEDGED;
            }
            int iteration = i;
            int lowest = lo;
            Supplier<String> context = () -> "seed " + SEED + ", " + sync + " cut " + iteration + ": appending " + k
                    + " (forced up to " + forced + "), " + cutFile + " cut at " + x + " of " + lowest + ".." + hi;

            List<Long> kept = new ArrayList<>();
            long lostInCutFile = 0;
            for (long seq = 1; seq <= k; seq++) {
                Where ws = w.where.get(seq);
                boolean survives = !ws.file.equals(cutFile) || (x >= Format.HEADER_BYTES && ws.end <= x);
                if (survives) {
                    kept.add(seq);
                } else {
                    long s = seq;
                    assertTrue(seq > forced, () -> context.get() + ": the cut takes record " + s + ", which was forced");
                    lostInCutFile += seq > acknowledged ? 1 : 0;
                }
            }
            boolean newest = cutFile.equals(wk.file);
            boolean torn = x < Format.HEADER_BYTES || !w.ends(cutFile).contains(x);
            opened(disk, i % 50 == 0, kept, acknowledged, newest ? 0 : lostInCutFile, newest && torn ? 1 : 0, w, context);
        }
    }

    @ParameterizedTest
    @EnumSource(Sync.class)
    void flippedBytesLoseOnlyTheRecordsTheyHitAndAreCounted(Sync sync) throws IOException {
        Written w = write(sync);
        Random random = new Random(SEED * 31 + sync.ordinal());
        List<String> names = new ArrayList<>(w.files.keySet());
        int total = w.files.values().stream().mapToInt(b -> b.length).sum();
        for (int i = 0; i < FLIPS; i++) {
            TreeMap<String, byte[]> disk = new TreeMap<>();
            w.files.forEach((n, b) -> disk.put(n, b.clone()));
            Map<String, List<Integer>> flips = new TreeMap<>();
            int n = 1 + random.nextInt(3);
            for (int f = 0; f < n; f++) {
                int at = random.nextInt(total);
                String file = names.getFirst();
                for (String name : names) {
                    file = name;
                    if (at < w.files.get(name).length) {
                        break;
                    }
                    at -= w.files.get(name).length;
                }
                disk.get(file)[at] ^= (byte) (1 + random.nextInt(255));
                flips.computeIfAbsent(file, x -> new ArrayList<>()).add(at);
            }
            int iteration = i;
            Supplier<String> context = () -> "seed " + SEED + ", " + sync + " flip " + iteration + ": " + flips;

            String foreign = flips.entrySet().stream().filter(e -> !e.getKey().equals(CHECKPOINT))
                    .filter(e -> e.getValue().stream().anyMatch(at -> at < 4)).map(Map.Entry::getKey).findFirst().orElse(null);
            if (foreign != null) {
                Path copy = copy(disk, "copy");
                FileSystemException e = assertThrows(FileSystemException.class,
                        () -> Journals.small(copy, reopenOptions()), context);
                assertEquals(copy.resolve(foreign) + ": not a journal segment: it starts with "
                        + HexFormat.ofDelimiter(" ").formatHex(disk.get(foreign), 0, 4)
                        + ", a segment starts with 50 4a 4e 4c (PJNL); is this the journal's directory?", e.getMessage(), context);
                for (String name : disk.keySet()) {
                    assertTrue(Files.exists(copy.resolve(name)), () -> context.get() + ": a refused journal is left as it was");
                }
                continue;
            }
            long acknowledged = flips.containsKey(CHECKPOINT) ? 0 : ACKNOWLEDGED;
            TreeSet<Long> lost = new TreeSet<>();
            for (long seq = 1; seq <= RECORDS; seq++) {
                Where ws = w.where.get(seq);
                for (int at : flips.getOrDefault(ws.file, List.of())) {
                    if (at < Format.HEADER_BYTES || (at >= ws.start && at < ws.end)) {
                        lost.add(seq);
                    }
                }
            }
            List<Long> kept = new ArrayList<>();
            for (long seq = 1; seq <= RECORDS; seq++) {
                if (!lost.contains(seq)) {
                    kept.add(seq);
                }
            }
            long lastKept = kept.isEmpty() ? 0 : kept.getLast();
            long counted = lost.stream().filter(s -> s < lastKept && s > acknowledged).count();
            boolean trailing = !lost.isEmpty() && lost.last() > lastKept;
            opened(disk, false, kept, acknowledged, counted, trailing ? -1 : 0, w, context);
        }
    }

    private static JournalOptions reopenOptions() {
        // NEVER, so that a thousand openings do not wait for the device.
        return JournalOptions.builder().sync(Sync.NEVER).logger(new Lines()).build();
    }

    /**
     * Opens a copy of {@code disk} and checks it: the records delivered are exactly those kept
     * after {@code acknowledged}, each the one appended; the counters say what was lost
     * ({@code tornCut} -1: at least one).
     */
    private void opened(TreeMap<String, byte[]> disk, boolean appendAfter, List<Long> kept, long acknowledged,
            long corrupt, long tornCut, Written w, Supplier<String> context) throws IOException {
        Path copy = copy(disk, "copy");
        try (Journal j = Journals.small(copy, reopenOptions())) {
            List<Entry> read = new ArrayList<>();
            for (List<Entry> batch = j.read(64); !batch.isEmpty(); batch = j.read(64)) {
                read.addAll(batch);
            }
            for (Entry e : read) {
                Payloads.check(e, context);
                assertEquals(w.where.get(e.seq()).time, e.time(), () -> context.get() + ": time of " + e);
            }
            List<Long> expected = kept.stream().filter(s -> s > acknowledged).toList();
            assertEquals(expected, Journals.seqs(read), () -> context.get() + ": records delivered");
            assertEquals(corrupt, j.corruptSkipped(), () -> context.get() + ": corruptSkipped");
            if (tornCut < 0) {
                assertTrue(j.tornCut() >= 1, () -> context.get() + ": tornCut " + j.tornCut());
            } else {
                assertEquals(tornCut, j.tornCut(), () -> context.get() + ": tornCut");
            }
            if (appendAfter) {
                long seq = j.append(Payloads.of(RECORDS + 1));
                long highest = Math.max(acknowledged, kept.isEmpty() ? 0 : kept.getLast());
                assertTrue(seq > highest, () -> context.get() + ": appended as " + seq + " after " + highest);
                List<Entry> more = j.read(10);
                assertEquals(List.of(seq), Journals.seqs(more), () -> context.get() + ": appended after recovery");
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            fail(context.get() + ": " + e, e);
        }
    }

    /**
     * Makes {@code tmp/name} hold exactly {@code disk}. The directory is kept from one opening
     * to the next: creating and removing thousands of directories is what would make this slow.
     */
    private Path copy(TreeMap<String, byte[]> disk, String name) throws IOException {
        Path copy = tmp.resolve(name);
        Files.createDirectories(copy);
        try (Stream<Path> there = Files.list(copy)) {
            for (Path p : there.toList()) {
                if (!disk.containsKey(p.getFileName().toString())) {
                    Files.delete(p);
                }
            }
        }
        for (Map.Entry<String, byte[]> f : disk.entrySet()) {
            Files.write(copy.resolve(f.getKey()), f.getValue());
        }
        return copy;
    }
}
