package dev.augur.protocol.jobs;

/**
 * Where a batch job stands, as its progress answer reports it.
 *
 * @param id        the job id
 * @param service   the InferenceService its rows go to
 * @param state     {@code queued}, {@code running}, {@code succeeded}, {@code failed} or {@code cancelled}
 * @param total     rows in the file (non-blank lines), counted so far while it is still being uploaded
 * @param done      rows finished, answered or failed
 * @param failed    rows of {@code done} that failed (their protocol error is in the results)
 * @param cancelled rows that were never run because the job was cancelled
 * @param rate      rows finished per second, from submission to the end (or to now)
 * @param created   submission time, ISO-8601
 * @param finished  end time, ISO-8601, or null while the job runs
 * @param reason    why the job failed, or null
 */
public record JobStatus(String id, String service, String state, long total, long done, long failed, long cancelled,
        double rate, String created, String finished, String reason) {
}
