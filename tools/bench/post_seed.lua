-- post_seed.lua: wrk POSTs the seed's syncLead request (pre-signed by
-- tools/bench/run; the path is in MKTOWS_BENCH_BODY) on every request.
local path = os.getenv("MKTOWS_BENCH_BODY")
local f = assert(io.open(path, "rb"), "MKTOWS_BENCH_BODY must name the request file")
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "text/xml; charset=utf-8"
wrk.headers["SOAPAction"] = '"http://www.marketo.com/mktows/syncLead"'
