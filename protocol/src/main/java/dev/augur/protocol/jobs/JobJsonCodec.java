package dev.augur.protocol.jobs;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.ErrorTable;
import dev.augur.protocol.core.Json;
import java.io.IOException;
import java.util.List;

/**
 * The batch-job API's JSON: the progress object, and one results line per input row. A results line carries the
 * row's line number in the uploaded file, its request id, and either the response the row got (V2, or V1 for V1
 * rows) or its protocol error: {@code {"line": 3, "id": "<job>:3", "status": "succeeded", "response": {...}}},
 * {@code {"line": 4, "id": "<job>:4", "status": "failed", "code": 400, "error": "..."}}, or
 * {@code {"line": 5, "id": "<job>:5", "status": "cancelled"}}.
 */
public final class JobJsonCodec {
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";

    private JobJsonCodec() {
    }

    public static byte[] encodeStatus(JobStatus s) {
        return Json.write(g -> writeStatus(g, s));
    }

    /** {@code {"jobs": [<progress>, ...]}}: the job list (the console's jobs page). */
    public static byte[] encodeStatusList(List<JobStatus> list) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("jobs");
            for (JobStatus s : list) {
                writeStatus(g, s);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void writeStatus(JsonGenerator g, JobStatus s) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", s.id());
        g.writeStringField("service", s.service());
        g.writeStringField("state", s.state());
        g.writeNumberField("total", s.total());
        g.writeNumberField("done", s.done());
        g.writeNumberField("failed", s.failed());
        g.writeNumberField("cancelled", s.cancelled());
        g.writeNumberField("rate", Math.round(s.rate() * 10) / 10.0);
        g.writeStringField("created", s.created());
        g.writeStringField("finished", s.finished());
        Json.writeOptional(g, "reason", s.reason());
        g.writeEndObject();
    }

    /** A row that was answered; {@code response} is the answer's JSON body, embedded as it is. */
    public static byte[] encodeAnswer(long line, String id, byte[] response) {
        return Json.write(g -> {
            head(g, line, id, SUCCEEDED);
            g.writeFieldName("response");
            g.writeRawValue(new String(response, java.nio.charset.StandardCharsets.UTF_8));
            g.writeEndObject();
        });
    }

    /** A row that failed, with the error table's HTTP status for its code and the message. */
    public static byte[] encodeFailure(long line, String id, ErrorCode code, String message) {
        return Json.write(g -> {
            head(g, line, id, FAILED);
            g.writeNumberField("code", ErrorTable.httpStatus(code));
            g.writeStringField("error", message);
            g.writeEndObject();
        });
    }

    /** A row the job's cancellation skipped. */
    public static byte[] encodeCancelled(long line, String id) {
        return Json.write(g -> {
            head(g, line, id, CANCELLED);
            g.writeEndObject();
        });
    }

    private static void head(JsonGenerator g, long line, String id, String status) throws IOException {
        g.writeStartObject();
        g.writeNumberField("line", line);
        g.writeStringField("id", id);
        g.writeStringField("status", status);
    }
}
