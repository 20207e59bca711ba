-- post.lua -- wrk script: each request posts one new article (unique id per
-- thread and request) to /v1/articles.  Words come from a few made-up events
-- so that articles join stories as a real feed's would.
--
-- It also times each request itself (from the moment wrk builds it to the
-- moment its answer is parsed) and prints those latencies' percentiles as
-- "raw", beside wrk's own.  wrk 4 "corrects" its latency histogram for
-- coordinated omission before printing it (stats_correct: a request that
-- took L adds made-up samples at L - I, L - 2I, ... down to I, where I is
-- the run's mean interval between requests of one connection), so one stall
-- of the server that holds all 16 connections for 500 ms adds some 1,400
-- samples of 5 to 500 ms: wrk's 99th percentile then says how long the
-- requests a steady-rate client would have sent during the stall waited,
-- not how long any request took.  The raw figures are the requests' own.
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } post_lua_ts;
int clock_gettime(int clk, post_lua_ts *tp);
]]
local ts = ffi.new("post_lua_ts")
local function now_us()
    ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
    return tonumber(ts.tv_sec) * 1e6 + tonumber(ts.tv_nsec) / 1e3
end

local token = os.getenv("SKEIN_TOKEN") or ""
local threads = {}
function setup(thread)
    threads[#threads + 1] = thread
    thread:set("tid", #threads)
end
function init(args)
    counter = 0
    sent = {}   -- article id -> when its request was built (µs)
    hist = {}   -- latency in 0.1 ms steps -> requests
    matched = 0 -- answers timed (an answer without its article's id is not)
    math.randomseed(tid * 7919)
    local syll = {"ba","ko","ri","mu","te","sa","no","vi","da","lu","pe","zo","ha","gi","fe","ty"}
    local function word(n)
        local w = ""
        for _ = 1, n do w = w .. syll[math.random(#syll)] end
        return w
    end
    events = {}
    for e = 1, 50 do
        local v = {}
        for k = 1, 12 do v[k] = word(3) end
        events[e] = {place = word(2):gsub("^%l", string.upper), vocab = v}
    end
    common = {}
    for k = 1, 200 do common[k] = word(2) end
end
function request()
    counter = counter + 1
    local ev = events[math.random(#events)]
    local t = {}
    for k = 1, 60 do
        t[k] = (math.random() < 0.5) and ev.vocab[math.random(12)] or common[math.random(200)]
    end
    local id = string.format("wrk-%d-%d", tid, counter)
    local body = string.format(
        '{"id":"%s","title":"%s %s %s","text":"%s.","lang":"en","source":"outlet%d.example","published":%d}',
        id, ev.place, ev.vocab[math.random(12)], ev.vocab[math.random(12)],
        table.concat(t, " "), counter % 9, 1700000000 + counter * 60)
    sent[id] = now_us()
    return wrk.format("POST", "/v1/articles",
        {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end
function response(status, headers, body)
    local id = body:match('"id":"(wrk%-%d+%-%d+)"')
    local t0 = id and sent[id]
    if not t0 then return end
    sent[id] = nil
    local k = math.floor((now_us() - t0) / 100)
    hist[k] = (hist[k] or 0) + 1
    matched = matched + 1
end
local function percentile(h, n, p)
    local keys = {}
    for k in pairs(h) do keys[#keys + 1] = k end
    table.sort(keys)
    local rank, seen = math.max(1, math.ceil(p / 100 * n)), 0
    for _, k in ipairs(keys) do
        seen = seen + h[k]
        if seen >= rank then return (k + 0.5) / 10 end
    end
    return 0
end
function done(summary, latency, requests)
    local out = {}
    for _, p in ipairs({50, 95, 98, 99, 99.5, 99.9}) do
        out[#out + 1] = string.format("%g%% %.1f ms", p, latency:percentile(p) / 1000)
    end
    io.write("  wrk's (corrected): " .. table.concat(out, ", ") ..
        string.format(", max %.1f ms\n", latency.max / 1000))
    local h, n = {}, 0
    for _, t in ipairs(threads) do
        n = n + t:get("matched")
        for k, c in pairs(t:get("hist")) do h[k] = (h[k] or 0) + c end
    end
    out = {}
    for _, p in ipairs({50, 95, 98, 99, 99.5, 99.9, 100}) do
        out[#out + 1] = string.format("%s %.1f ms", p == 100 and "max" or p .. "%", percentile(h, n, p))
    end
    io.write(string.format("  raw (%d requests as timed): %s\n", n, table.concat(out, ", ")))
end
