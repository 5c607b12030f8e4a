-- wrk script for bench/run.sh.
--   wrk ... -s bench/wrk-report.lua URL                 plain GET (the baseline)
--   wrk ... -s bench/wrk-report.lua URL -- BODY_FILE    POST BODY_FILE as JSON
-- The body is read once and wrk builds the request once (no request()
-- function), so the Lua layer adds no per-request cost to the client.

function init(args)
   local path = args[1]
   if path then
      local f = assert(io.open(path, "rb"))
      wrk.method = "POST"
      wrk.body = f:read("*a")
      wrk.headers["Content-Type"] = "application/json"
      f:close()
   end
end

-- One machine-readable line for run.sh to parse; latencies in microseconds.
-- "status" counts non-2xx/3xx responses: a benchmark of error pages is void.
function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format("BENCH_RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d socket_errors=%d status_errors=%d\n",
      summary.requests, summary.duration,
      latency:percentile(50), latency:percentile(99),
      e.connect + e.read + e.write + e.timeout, e.status))
end
