-- Check-ins at one branch by member id, cycling through members who hold a subscription.
local token, branch = os.getenv("TOKEN"), os.getenv("BRANCH")
local members = {}
for line in io.lines(os.getenv("MEMBERS_FILE")) do members[#members + 1] = line end
local n = 0
request = function()
  n = n + 1
  local body = string.format('{"branchId":"%s","memberId":"%s"}', branch, members[(n % #members) + 1])
  return wrk.format("POST", "/api/check-ins", { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end
done = function(summary, latency, requests)
  io.write(string.format("requests/s %.0f  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  non-2xx %d  errors %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
