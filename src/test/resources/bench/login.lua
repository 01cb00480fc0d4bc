-- The login storm: members BENCH_PREFIX0 .. BENCH_PREFIX(BENCH_COUNT-1) in turn, so that no two
-- connections log in as the same member at once.
local prefix = os.getenv("BENCH_PREFIX")
local count = tonumber(os.getenv("BENCH_COUNT"))
local password = os.getenv("BENCH_PASSWORD")
-- BENCH_UNDER_WAY: a file created when BENCH_CONNECTIONS logins have been sent (one wrk thread): from then on every
-- connection has one in flight, and the bench starts what it measures during the storm.
local underWay = os.getenv("BENCH_UNDER_WAY")
local connections = tonumber(os.getenv("BENCH_CONNECTIONS") or "0")
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) bad = 0 n = 0 end
function request()
  n = n + 1
  if n == connections and underWay then io.open(underWay, "w"):close() end
  return wrk.format("POST", "/api/v1/auth/login", {["Content-Type"] = "application/json"},
    '{"username":"' .. prefix .. (n % count) .. '","password":"' .. password .. '"}')
end
function response(status, headers, body) if status ~= 200 then bad = bad + 1 end end
function done(summary, latency, requests)
  local n = 0
  for _, t in ipairs(threads) do n = n + t:get("bad") end
  io.write("Non-200: " .. n .. "\n")
end
