-- post.lua -- wrk script: each request posts one new article (unique id per
-- thread and request) to /v1/articles.  Words come from a few made-up events
-- so that articles join stories as a real feed's would.
local token = os.getenv("SKEIN_TOKEN") or ""
local nthreads = 0
function setup(thread)
    nthreads = nthreads + 1
    thread:set("tid", nthreads)
end
function init(args)
    counter = 0
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
    local body = string.format(
        '{"id":"wrk-%d-%d","title":"%s %s %s","text":"%s.","lang":"en","source":"outlet%d.example","published":%d}',
        tid, counter, ev.place, ev.vocab[math.random(12)], ev.vocab[math.random(12)],
        table.concat(t, " "), counter % 9, 1700000000 + counter * 60)
    return wrk.format("POST", "/v1/articles",
        {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end
-- the tail in more detail than wrk's --latency (whose 99% is one figure)
function done(summary, latency, requests)
    local out = {}
    for _, p in ipairs({95, 98, 99, 99.5, 99.9}) do
        out[#out + 1] = string.format("%g%% %.1f ms", p, latency:percentile(p) / 1000)
    end
    io.write("  tail: " .. table.concat(out, ", ") .. string.format(", max %.1f ms\n", latency.max / 1000))
end
