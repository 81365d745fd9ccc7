-- The result line every bench script prints when wrk is done (bench/compare.sh reads its fields by position):
-- rate, latency percentiles, non-2xx answers, socket errors and the number of requests.
return function(summary, latency, requests)
  io.write(string.format("requests/s %.0f  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  non-2xx %d  errors %d  total %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.requests))
end
