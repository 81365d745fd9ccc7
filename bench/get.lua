-- One member by id, cycling through the seeded members; PREFIX=/api for Liyaqa, empty for the raw baseline.
local token, prefix, tenant = os.getenv("TOKEN"), os.getenv("PREFIX") or "/api", os.getenv("TENANT_ID")
local members = {}
for line in io.lines(os.getenv("MEMBERS_FILE")) do members[#members + 1] = line end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", prefix .. "/members/" .. members[(n % #members) + 1], { ["Authorization"] = "Bearer " .. token, ["X-Tenant"] = tenant })
end
done = function(summary, latency, requests)
  io.write(string.format("requests/s %.0f  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  non-2xx %d  errors %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
