-- wrk: sukarela deposits, as a kasir would post them (POST .../members/{id}/savings/sukarela/deposits),
-- each with its own Idempotency-Key, spread round-robin over the koperasi given (all, or one).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")

local kops, n

function init(args)
  kops = load_koperasi(args)
  n = 0
  math.randomseed(os.time() + tid * 7919)
end

function request()
  n = n + 1
  local k = kops[(n + tid) % #kops + 1]
  local member = k.members[math.random(#k.members)]
  local amount = 1000 * math.random(1, 200)
  return wrk.format("POST",
    "/api/v1/koperasi/" .. k.slug .. "/members/" .. member .. "/savings/sukarela/deposits",
    {
      ["Authorization"] = "Bearer " .. k.kasir,
      ["Content-Type"] = "application/json",
      ["Idempotency-Key"] = string.format("%s-%d-%d", run_id, tid, n),
    },
    '{"amount":' .. amount .. ',"channel":"counter","note":"load"}')
end
