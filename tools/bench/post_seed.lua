-- post_seed.lua: wrk POSTs one pre-signed request (tools/bench/run signs it;
-- the path is in MKTOWS_BENCH_BODY) on every request: the seed's syncLead,
-- or the operation MKTOWS_BENCH_ACTION names (its SOAPAction; default
-- syncLead).
local path = os.getenv("MKTOWS_BENCH_BODY")
local f = assert(io.open(path, "rb"), "MKTOWS_BENCH_BODY must name the request file")
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
local action = os.getenv("MKTOWS_BENCH_ACTION")
if action == nil or action == "" then action = "syncLead" end
wrk.headers["Content-Type"] = "text/xml; charset=utf-8"
wrk.headers["SOAPAction"] = '"http://www.marketo.com/mktows/' .. action .. '"'
