-- Member search as the front desk types it: names in both scripts, partial phone numbers, member numbers, emails.
local queries = { "احمد", "سارة", "القحطاني", "noura", "al-shehri", "0550001", "M-004711", "member777@", "فيصل الدوسري", "khalid al", "55012345", "reem" }
local token = os.getenv("TOKEN")
local n = 0
request = function()
  n = n + 1
  local q = queries[(n % #queries) + 1]
  local path = "/api/members?pageSize=20&q=" .. q:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end)
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end
done = function(summary, latency, requests)
  io.write(string.format("requests/s %.0f  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  non-2xx %d  errors %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
