-- wrk: member statements (GET .../members/{id}/statement), read by the pengawas, random members of every koperasi.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")

local kops, n

function init(args)
  kops = load_koperasi(args)
  n = 0
  math.randomseed(os.time() + tid * 104729)
end

function request()
  n = n + 1
  local k = kops[(n + tid) % #kops + 1]
  local member = k.members[math.random(#k.members)]
  return wrk.format("GET", "/api/v1/koperasi/" .. k.slug .. "/members/" .. member .. "/statement",
    { ["Authorization"] = "Bearer " .. k.reader })
end
