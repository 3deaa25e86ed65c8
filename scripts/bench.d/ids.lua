-- Shared by the wrk scripts of scripts/bench: the ids in BENCH_IDS (comma-separated), one
-- picked at random per request, each wrk thread with its own random sequence.
local ids = {}
for id in string.gmatch(os.getenv("BENCH_IDS") or "", "[^,]+") do
  ids[#ids + 1] = id
end
assert(#ids > 0, "BENCH_IDS is empty")
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end
function init(args)
  math.randomseed(os.time() * 100 + (thread_number or 0))
end
function any_id()
  return ids[math.random(#ids)]
end
