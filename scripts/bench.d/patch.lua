-- PATCH <url>/<id>, the id one of BENCH_IDS at random: a new title and the completion
-- flipped (no If-Match: the reference handles none; wrk -s patch.lua … BASE/todos).
dofile(os.getenv("BENCH_LUA_DIR") .. "/ids.lua")
wrk.headers["Content-Type"] = "application/json"
local n = 0
request = function()
  n = n + 1
  local body = string.format('{"title":"bench patch %d","completed":%s}', n, n % 2 == 0 and "true" or "false")
  return wrk.format("PATCH", wrk.path .. "/" .. any_id(), nil, body)
end
