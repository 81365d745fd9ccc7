-- Bookings: each thread walks its own share of (class, member) pairs, spread over 10 of the classes (a member
-- may hold 10 future bookings), so a pair is booked once; classes fill up and later requests join the waitlist.
-- PREFIX and TENANT_HEADER point it at the raw baseline (bench/Baseline); SESSION_OFFSET picks its own 10 classes.
local token, prefix, offset = os.getenv("TOKEN"), os.getenv("PREFIX") or "/api", tonumber(os.getenv("SESSION_OFFSET") or "0")
local members, sessions = {}, {}
for line in io.lines(os.getenv("MEMBERS_FILE")) do members[#members + 1] = line end
for line in io.lines(os.getenv("SESSIONS_FILE")) do sessions[#sessions + 1] = line end
local threads, counter = 0, 0
setup = function(thread) thread:set("id", threads); threads = threads + 1 end
-- Each of the THREADS threads walks its own segment of the pairs; START moves the walk on within it (the warm-up
-- walks ahead of the measured run's start, so no pair is booked twice).
init = function()
  local segment = math.floor(#members * 10 / tonumber(os.getenv("THREADS") or "2"))
  counter = id * segment + tonumber(os.getenv("START") or "0")
end
local statuses = {}
request = function()
  counter = counter + 1
  local pair = counter % (#members * 10)
  local session = sessions[(pair % 10) + 1 + offset]
  local member = members[(math.floor(pair / 10) % #members) + 1]
  return wrk.format("POST", prefix .. "/class-sessions/" .. session .. "/bookings",
    { ["Authorization"] = "Bearer " .. token, ["X-Tenant"] = os.getenv("TENANT_ID"), ["Content-Type"] = "application/json" }, string.format('{"memberId":"%s"}', member))
end
done = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "summary.lua")
