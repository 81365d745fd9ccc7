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
done = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "summary.lua")
