-- GET <url>/<id>, the id one of BENCH_IDS at random (wrk -s get.lua … BASE/todos).
dofile(os.getenv("BENCH_LUA_DIR") .. "/ids.lua")
request = function()
  return wrk.format("GET", wrk.path .. "/" .. any_id())
end
