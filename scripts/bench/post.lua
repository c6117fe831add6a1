-- wrk script for scripts/bench-campaign: the same create-message request smsctl
-- sends (POST, form body, Basic auth) against the stand-in's Messages endpoint.
-- BENCH_AUTH = base64("SID:TOKEN"), BENCH_PATH = /2010-04-01/Accounts/{AC}/Messages.json
wrk.method = "POST"
wrk.path = os.getenv("BENCH_PATH")
wrk.body = "To=%2B6589000000&From=%2B15005550006"
  .. "&Body=Hello+name0%2C+your+appointment+is+confirmed.+Reply+STOP+to+opt+out."
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic " .. os.getenv("BENCH_AUTH")

-- No response() hook: wrk then counts non-2xx/3xx responses itself, at full speed.
