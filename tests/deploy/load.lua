-- wrk script for the replica test (replicas_test.sh): varies the query over a fixed list (so
-- searchd's response cache does not answer everything), and counts, per wrk thread, the answers
-- by status class, by X-Pepsearch-Generation-Id and by X-Pepsearch-Replica (set by HAProxy).
-- done() prints one "key value" line per figure for the test to read.
local queries = {
  "VEGF+lowering", "thymosin", "kaposi+sarcoma", "zadaxin+hepatitis", "oglufanide", "renal+cell+carcinoma",
  "immune+support", "thymogen+trial", "phase+II", "sepsis", "thymalfasin", "grade+B", "dipeptide",
  "placebo+controlled", "hepatitis+B", "tumour+response", "IM-862", "angiogenesis", "evidence", "dose",
}
local threads = {}
local n = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  ok, bad, gens, replicas = 0, 0, {}, {}
  n = math.random(#queries)
end

function request()
  n = n % #queries + 1
  return wrk.format("GET", "/api/search?q=" .. queries[n] .. "&per_page=5")
end

-- HAProxy sends header names in lower case; searchd alone in their usual case.
local function header(headers, name)
  return headers[name] or headers[string.lower(name)]
end

local function bump(t, k)
  t[k] = (t[k] or 0) + 1
end

function response(status, headers, body)
  if status >= 200 and status < 300 then ok = ok + 1 else bad = bad + 1 end
  bump(gens, header(headers, "X-Pepsearch-Generation-Id") or "none")
  bump(replicas, header(headers, "X-Pepsearch-Replica") or "none")
end

function done(summary, latency, requests)
  local total_ok, total_bad, gens, replicas = 0, 0, {}, {}
  for _, t in ipairs(threads) do
    total_ok = total_ok + t:get("ok")
    total_bad = total_bad + t:get("bad")
    for k, v in pairs(t:get("gens")) do gens[k] = (gens[k] or 0) + v end
    for k, v in pairs(t:get("replicas")) do replicas[k] = (replicas[k] or 0) + v end
  end
  local e = summary.errors
  io.write(string.format("requests %d\n", summary.requests))
  io.write(string.format("ok %d\nnon2xx %d\n", total_ok, total_bad))
  io.write(string.format("socket_errors %d\n", e.connect + e.read + e.write + e.timeout))
  io.write(string.format("p50_ms %.2f\np99_ms %.2f\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
  io.write(string.format("rps %.0f\n", summary.requests / (summary.duration / 1e6)))
  for k, v in pairs(gens) do io.write(string.format("generation %s %d\n", k, v)) end
  for k, v in pairs(replicas) do io.write(string.format("replica %s %d\n", k, v)) end
end
