package dev.augur.gateway.messaging.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a JSON-lines stream into lines as it arrives, one reused buffer, so a file of any size passes through in
 * bounded memory. A line longer than the row limit is skipped to its end and reported as too long, not buffered.
 */
final class LineReader {
    /** One line: its bytes (a copy, without the line break), or {@code tooLong} with no bytes. */
    record Line(byte[] bytes, boolean tooLong) {
        boolean blank() {
            if (tooLong) {
                return false;
            }
            for (byte b : bytes) {
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }
    }

    private final InputStream in;
    private final int maxLine;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private byte[] line = new byte[1024];
    private boolean eof;

    LineReader(InputStream in, int maxLine) {
        this.in = in;
        this.maxLine = maxLine;
    }

    /** The next line, or null at the end of the stream. */
    Line next() throws IOException {
        int length = 0;
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (position == limit) {
                if (eof || !fill()) {
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int n = position - start;
            if (!tooLong) {
                if (length + n > maxLine) {
                    tooLong = true;
                } else {
                    if (line.length < length + n) {
                        line = Arrays.copyOf(line, Math.max(length + n, line.length * 2));
                    }
                    System.arraycopy(buffer, start, line, length, n);
                    length += n;
                }
            }
            if (position < limit) {
                position++; // the '\n'
                break;
            }
        }
        if (!tooLong && length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return tooLong ? new Line(null, true) : new Line(Arrays.copyOf(line, length), false);
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            eof = true;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
