package dev.augur.gateway.messaging.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    private static List<LineReader.Line> lines(String text, int max) throws IOException {
        LineReader r = new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max);
        List<LineReader.Line> out = new ArrayList<>();
        for (LineReader.Line l = r.next(); l != null; l = r.next()) {
            out.add(l);
        }
        return out;
    }

    private static String text(LineReader.Line l) {
        return new String(l.bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void splitsOnNewlinesWithOrWithoutAFinalOne() throws IOException {
        assertEquals(List.of("a", "b"), lines("a\nb\n", 10).stream().map(LineReaderTest::text).toList());
        assertEquals(List.of("a", "b"), lines("a\nb", 10).stream().map(LineReaderTest::text).toList());
    }

    @Test
    void dropsTheCarriageReturnOfCrLfLines() throws IOException {
        assertEquals("a", text(lines("a\r\n", 10).get(0)));
    }

    @Test
    void keepsBlankLinesSoLineNumbersHold() throws IOException {
        List<LineReader.Line> l = lines("\n  \na\n", 10);
        assertEquals(3, l.size());
        assertTrue(l.get(0).blank());
        assertTrue(l.get(1).blank());
        assertEquals("a", text(l.get(2)));
    }

    @Test
    void lineOverTheLimitIsSkippedToItsEndAndReportedTooLong() throws IOException {
        List<LineReader.Line> l = lines("x".repeat(200_000) + "\nok\n", 100);
        assertTrue(l.get(0).tooLong());
        assertNull(l.get(0).bytes());
        assertEquals("ok", text(l.get(1)));
    }

    @Test
    void lineLongerThanTheReadBufferArrivesWhole() throws IOException {
        String long1 = "y".repeat(150_000);
        assertEquals(long1, text(lines(long1 + "\n", 1_000_000).get(0)));
    }

    @Test
    void emptyStreamHasNoLines() throws IOException {
        assertTrue(lines("", 10).isEmpty());
    }
}
