-- wrk script: POSTs one SOAP envelope, read from a file, as every request.
--
-- The benchmark runs it on the no-op endpoint with the envelope its own Java load driver sends
-- there (WS-Security UsernameToken header included), to check that the driver is not what limits
-- the ceiling. It loads any operation the same way: put the whole envelope in a file.
--
--   wrk -t2 -c16 -d10s --latency -s src/runs/resources/bench/soap.lua \
--       http://127.0.0.1:8080/ws/invitations -- envelope.xml
--
-- wrk counts answers, not faults: a SOAP fault comes with HTTP 500 and shows as
-- "Non-2xx or 3xx responses".

function init(args)
  local path = args[1]
  if path == nil then
    error("usage: wrk [options] -s soap.lua URL -- ENVELOPE.xml")
  end
  local file = assert(io.open(path, "rb"))
  wrk.body = file:read("*a")
  file:close()
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "text/xml; charset=UTF-8"
  wrk.headers["SOAPAction"] = '""'
end
