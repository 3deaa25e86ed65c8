-- POST <url>: a top-level todo with two tags in the caller's Inbox (wrk -s create.lua … BASE/todos).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"title":"bench create","notes":"written by scripts/bench","priority":"high","tags":["bench","load"]}'
