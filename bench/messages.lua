-- wrk script: POST /api/messages with expectReplies Bot Framework activities, spread over many conversations.
-- Usage: wrk ... -s bench/messages.lua http://127.0.0.1:PORT -- [conversations=10000] [prefix=load]
-- Request n of thread t goes to conversation (n*threads + t) mod conversations; each pass over the conversations
-- alternates an FAQ question and "sí, gracias", so every conversation's dialog state keeps changing.
-- Every response that is not 200 is counted and reported by done().

local threads = {}

function setup(thread)
   thread:set("tid", #threads)
   table.insert(threads, thread)
end

local texts = { "¿cuánto cuesta el envío?", "sí, gracias" }

function init(args)
   conversations = tonumber(args[1]) or 10000
   prefix = args[2] or "load"
   nthreads = tonumber(args[3]) or 2
   n = 0
   errors = 0
   wrk.method = "POST"
   wrk.path = "/api/messages"
   wrk.headers["Content-Type"] = "application/json"
end

function request()
   local seq = n * nthreads + tid
   n = n + 1
   local conversation = seq % conversations
   local text = texts[(math.floor(seq / conversations) % 2) + 1]
   local body = string.format(
      '{"type":"message","id":"%s-%d-%d","channelId":"directline","deliveryMode":"expectReplies",' ..
      '"serviceUrl":"http://127.0.0.1:9/","locale":"es-PE",' ..
      '"conversation":{"id":"%s-%05d"},"from":{"id":"user-%05d","name":"Rosa","role":"user"},' ..
      '"recipient":{"id":"bot","name":"ChatCare","role":"bot"},"text":"%s"}',
      prefix, tid, n, prefix, conversation, conversation, text)
   return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
   if status ~= 200 then
      errors = errors + 1
   end
end

function done(summary, latency, requests)
   local errs = 0
   for _, thread in ipairs(threads) do
      errs = errs + (thread:get("errors") or 0)
   end
   local e = summary.errors
   io.write(string.format("RESULT requests=%d seconds=%.2f rps=%.1f non200=%d timeouts=%d socket_errors=%d p50_ms=%.2f p99_ms=%.2f\n",
      summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6), errs,
      e.timeout, e.connect + e.read + e.write,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
