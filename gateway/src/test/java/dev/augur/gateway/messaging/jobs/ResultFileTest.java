package dev.augur.gateway.messaging.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultFileTest {
    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private List<String> read(ResultFile f, long lines) throws IOException {
        List<String> out = new ArrayList<>();
        f.forEach(lines, (line, kind, row) -> out.add(line + ":" + kind + ":" + (row == null ? "-"
                : new String(row.array(), row.arrayOffset() + row.position(), row.remaining(),
                        StandardCharsets.UTF_8).strip())));
        return out;
    }

    @Test
    void rowsArrivingOutOfOrderAreReadInLineOrder() throws IOException {
        try (ResultFile f = new ResultFile(dir)) {
            f.put(3, ResultFile.ANSWERED, b("c"));
            f.put(1, ResultFile.ANSWERED, b("a"));
            f.put(2, ResultFile.FAILED, b("b"));
            assertEquals(List.of("1:1:a", "2:2:b", "3:1:c"), read(f, 3));
        }
    }

    @Test
    void aLineStoredTwiceKeepsItsFirstRow() throws IOException {
        try (ResultFile f = new ResultFile(dir)) {
            assertTrue(f.put(1, ResultFile.ANSWERED, b("first")));
            assertFalse(f.put(1, ResultFile.ANSWERED, b("again")));
            assertEquals(List.of("1:1:first"), read(f, 1));
        }
    }

    @Test
    void linesWithoutARowAreReportedEmpty() throws IOException {
        try (ResultFile f = new ResultFile(dir)) {
            f.put(2, ResultFile.ANSWERED, b("b"));
            f.put(3, ResultFile.BLANK, new byte[0]);
            assertEquals(List.of("1:0:-", "2:1:b", "3:3:-", "4:0:-"), read(f, 4));
        }
    }

    @Test
    void countsSurviveReopening() throws IOException {
        try (ResultFile f = new ResultFile(dir)) {
            f.put(1, ResultFile.ANSWERED, b("a"));
            f.put(2, ResultFile.FAILED, b("b"));
            f.put(3, ResultFile.BLANK, new byte[0]);
            f.force();
        }
        assertEquals(new ResultFile.Counts(2, 1), new ResultFile(dir).count());
    }

    @Test
    void readsAcrossIndexChunks() throws IOException {
        try (ResultFile f = new ResultFile(dir)) {
            for (long line = 10_000; line >= 1; line--) {
                f.put(line, ResultFile.ANSWERED, b("r" + line));
            }
            List<String> rows = read(f, 10_000);
            assertEquals(10_000, rows.size());
            assertEquals("4097:1:r4097", rows.get(4096));
            assertEquals("10000:1:r10000", rows.get(9999));
        }
    }
}
