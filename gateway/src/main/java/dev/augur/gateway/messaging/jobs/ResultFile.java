package dev.augur.gateway.messaging.jobs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A job's results on disk, so they are never held in memory: rows are appended to {@code rows.jsonl} in the order
 * they arrive, and {@code index.bin} holds one fixed 16-byte slot per input line (offset, length, kind) at
 * {@code line * 16}. Reading the slots in line order gives the results in input order; a filled slot also makes a
 * row that arrives twice (at-least-once delivery across a crash) count once.
 */
final class ResultFile implements AutoCloseable {
    static final byte EMPTY = 0;
    static final byte ANSWERED = 1;
    static final byte FAILED = 2;
    static final byte BLANK = 3;
    private static final int SLOT = 16;
    /** Slots read at once when streaming results: 64 KiB of index. */
    private static final int CHUNK = 4096;

    /** What a pass over the index found. */
    record Counts(long done, long failed) {
    }

    /** Receives the rows in line order; {@code row} is null for a line with no result yet. */
    interface RowSink {
        void row(long line, byte kind, ByteBuffer row) throws IOException;
    }

    private final Path rows;
    private final Path index;
    private FileChannel rowsOut;
    private FileChannel indexOut;
    private final ByteBuffer slot = ByteBuffer.allocate(SLOT);

    ResultFile(Path dir) {
        this.rows = dir.resolve("rows.jsonl");
        this.index = dir.resolve("index.bin");
    }

    private void openForWriting() throws IOException {
        if (rowsOut == null) {
            rowsOut = FileChannel.open(rows, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            rowsOut.position(rowsOut.size());
            indexOut = FileChannel.open(index, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        }
    }

    /** Stores a line's row unless the line has one already; true if stored. */
    synchronized boolean put(long line, byte kind, byte[] row) throws IOException {
        openForWriting();
        if (kindAt(line) != EMPTY) {
            return false;
        }
        long offset = rowsOut.position();
        ByteBuffer data = ByteBuffer.allocate(row.length + 1).put(row).put((byte) '\n').flip();
        while (data.hasRemaining()) {
            rowsOut.write(data);
        }
        slot.clear().putLong(offset).putInt(row.length + 1).put(kind).put(new byte[3]).flip();
        while (slot.hasRemaining()) {
            indexOut.write(slot, line * SLOT + slot.position());
        }
        return true;
    }

    private byte kindAt(long line) throws IOException {
        if (line * SLOT + SLOT > indexOut.size()) {
            return EMPTY;
        }
        ByteBuffer b = ByteBuffer.allocate(1);
        indexOut.read(b, line * SLOT + 12);
        return b.get(0);
    }

    /** Makes what was stored durable: called before the results' offsets are committed. */
    synchronized void force() throws IOException {
        if (rowsOut != null) {
            rowsOut.force(false);
            indexOut.force(false);
        }
    }

    /** Streams the rows of lines 1..lines in line order, reading the index a chunk at a time. */
    void forEach(long lines, RowSink sink) throws IOException {
        if (!Files.exists(index)) {
            for (long line = 1; line <= lines; line++) {
                sink.row(line, EMPTY, null);
            }
            return;
        }
        try (FileChannel in = FileChannel.open(index, StandardOpenOption.READ);
                FileChannel data = FileChannel.open(rows, StandardOpenOption.READ)) {
            ByteBuffer slots = ByteBuffer.allocate(CHUNK * SLOT);
            ByteBuffer row = ByteBuffer.allocate(8192);
            for (long first = 1; first <= lines; first += CHUNK) {
                slots.clear();
                long end = Math.min(lines, first + CHUNK - 1);
                slots.limit((int) ((end - first + 1) * SLOT));
                while (slots.hasRemaining() && in.read(slots, first * SLOT + slots.position()) > 0) {
                    // Reads up to the chunk or the end of the file (slots past it are empty).
                }
                int filled = slots.position();
                slots.flip();
                for (long line = first; line <= end; line++) {
                    int at = (int) ((line - first) * SLOT);
                    byte kind = at + SLOT <= filled ? slots.get(at + 12) : EMPTY;
                    if (kind == ANSWERED || kind == FAILED) {
                        int length = slots.getInt(at + 8);
                        if (row.capacity() < length) {
                            row = ByteBuffer.allocate(Math.max(length, row.capacity() * 2));
                        }
                        row.clear().limit(length);
                        long offset = slots.getLong(at);
                        while (row.hasRemaining() && data.read(row, offset + row.position()) > 0) {
                            // Positional reads: a row is contiguous.
                        }
                        row.flip();
                        sink.row(line, kind, row);
                    } else {
                        sink.row(line, kind, null);
                    }
                }
            }
        }
    }

    /** Counts finished and failed rows: how a job's progress is rebuilt after a restart. */
    Counts count() throws IOException {
        long[] c = new long[2];
        forEachSlot(kind -> {
            if (kind == ANSWERED || kind == FAILED) {
                c[0]++;
            }
            if (kind == FAILED) {
                c[1]++;
            }
        });
        return new Counts(c[0], c[1]);
    }

    private interface KindSink {
        void kind(byte kind);
    }

    private void forEachSlot(KindSink sink) throws IOException {
        if (!Files.exists(index)) {
            return;
        }
        try (FileChannel in = FileChannel.open(index, StandardOpenOption.READ)) {
            ByteBuffer slots = ByteBuffer.allocate(CHUNK * SLOT);
            long position = SLOT;
            while (in.read(slots.clear(), position) > 0) {
                slots.flip();
                for (int at = 0; at + SLOT <= slots.limit(); at += SLOT) {
                    sink.kind(slots.get(at + 12));
                }
                position += slots.limit() - slots.limit() % SLOT;
                if (slots.limit() % SLOT != 0) {
                    break;
                }
            }
        }
    }

    static void copy(ByteBuffer row, OutputStream out) throws IOException {
        out.write(row.array(), row.arrayOffset() + row.position(), row.remaining());
    }

    @Override
    public synchronized void close() throws IOException {
        if (rowsOut != null) {
            rowsOut.close();
            indexOut.close();
            rowsOut = null;
            indexOut = null;
        }
    }
}
