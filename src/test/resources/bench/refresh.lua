-- One connection per thread, each rotating its own refresh token: every answer's successor is the
-- next request's token. Tokens come one a line from the file BENCH_TOKENS.
local tokens = {}
for line in io.lines(os.getenv("BENCH_TOKENS")) do tokens[#tokens + 1] = line end
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("token", tokens[#threads])
end
function init(args) bad = 0 end
function request()
  return wrk.format("POST", "/api/v1/auth/refresh", {["Content-Type"] = "application/json"},
    '{"refreshToken":"' .. token .. '"}')
end
function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 return end
  token = body:match('"refreshToken":"([^"]+)"') or token
end
function done(summary, latency, requests)
  local n = 0
  for _, t in ipairs(threads) do n = n + t:get("bad") end
  io.write("Non-200: " .. n .. "\n")
end
