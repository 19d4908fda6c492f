-- Shared by the wrk scripts of ./ekopz bench load (docs/adr/0026): loads the seeded koperasi, counts every
-- answer by status in each thread, and prints one RESULT line the harness parses. wrk itself counts only
-- status >= 400 as errors; a 3xx or 1xx would pass unseen, so every non-2xx is counted here.
--
-- Script arguments (after "--"): <data.lua> <run id> <koperasi: "all" or an index>
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function load_koperasi(args)
  local data = dofile(args[1])
  run_id = args[2] or "run"
  local which = args[3] or "all"
  if which == "all" then return data end
  return { data[tonumber(which)] }
end

ok, non2xx, first_error, sent = 0, 0, "", 0

function response(status, headers, body)
  if status >= 200 and status < 300 then
    ok = ok + 1
  else
    non2xx = non2xx + 1
    if first_error == "" then first_error = status .. " " .. string.gsub(string.sub(body or "", 1, 300), "%s+", " ") end
  end
end

function done(summary, latency, requests)
  local good, bad, err = 0, 0, ""
  for _, t in ipairs(threads) do
    good = good + (t:get("ok") or 0)
    bad = bad + (t:get("non2xx") or 0)
    local e = t:get("first_error")
    if err == "" and e and e ~= "" then err = e end
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d ok=%d non2xx=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%.0f\n",
    summary.requests, summary.duration, good, bad, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
  if err ~= "" then io.write("FIRST_ERROR " .. err .. "\n") end
end
