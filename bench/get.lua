-- One member by id, cycling through the seeded members; PREFIX=/api for Liyaqa, empty for the raw baseline.
local token, prefix, tenant = os.getenv("TOKEN"), os.getenv("PREFIX") or "/api", os.getenv("TENANT_ID")
local members = {}
for line in io.lines(os.getenv("MEMBERS_FILE")) do members[#members + 1] = line end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", prefix .. "/members/" .. members[(n % #members) + 1], { ["Authorization"] = "Bearer " .. token, ["X-Tenant"] = tenant })
end
done = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "summary.lua")
