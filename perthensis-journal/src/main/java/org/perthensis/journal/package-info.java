/**
 * A crash-safe outbound journal, for store and forward: readings appended from any thread are
 * kept on disk while the uplink is down and read back in order, at least once, until the
 * consumer acknowledges them.
 *
 * <p>{@link org.perthensis.journal.Journal#open Journal.open(dir, options)} opens (or creates)
 * a journal in a directory of its own; {@link org.perthensis.journal.JournalOptions} sets the
 * segment size, the bound on disk, the sync policy (what a power cut can lose), the overflow
 * policy and a maximum age; an {@link org.perthensis.journal.Entry} is one record read back.
 * Records are kept in append-only segment files, each record with a CRC32C, so that opening
 * after a power cut cuts off a torn write and skips damaged records, and counts both.
 */
package org.perthensis.journal;
