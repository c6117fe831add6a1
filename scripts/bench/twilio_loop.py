#!/usr/bin/env python3
"""The official Twilio Python helper library sending M messages in a tight loop
(one thread, one Client, its pooled requests.Session) against a local stand-in.

Usage: twilio_loop.py M
Env: SMSCTL_TWILIO_API_URL (the stand-in's base URL), TWILIO_ACCOUNT_SID,
     TWILIO_AUTH_TOKEN, TWILIO_PHONE_NUMBER.
Prints one line: "<messages> <seconds> <twilio version>".

How it is pointed at the stand-in (read from twilio 9.x's installed source):
`client.messages` is `client.api.account.messages`, whose requests go through
`twilio.base.version.Version.request` → `Domain.request`, which builds the URL
with `Domain.absolute_url` = `self.base_url` + path. `client.api` is that Domain
(`ApiBase.__init__` sets base_url "https://api.twilio.com"), so setting
`client.api.base_url` redirects every Messages call. `ClientBase.get_hostname`
rewrites hosts only when an edge or region is set, so both are forced off.
"""
import os
import sys
import time

import twilio
from twilio.rest import Client


def main() -> int:
    m = int(sys.argv[1])
    base = os.environ["SMSCTL_TWILIO_API_URL"]
    sender = os.environ["TWILIO_PHONE_NUMBER"]
    client = Client(os.environ["TWILIO_ACCOUNT_SID"], os.environ["TWILIO_AUTH_TOKEN"])
    client.edge = client.region = None  # no TWILIO_EDGE / TWILIO_REGION host rewriting
    client.api.base_url = base
    # Warm-up: connection, imports of the lazily loaded resource classes.
    for _ in range(20):
        client.messages.create(to="+6588000000", from_=sender, body="warm-up")
    t0 = time.perf_counter()
    last = None
    for i in range(m):
        last = client.messages.create(
            to="+65%d" % (88000000 + i),
            from_=sender,
            body="Hello name%d, your appointment is confirmed. Reply STOP to opt out." % i,
        )
    dt = time.perf_counter() - t0
    # Proof that the stand-in answered: a Twilio-shaped message resource came back.
    if last is None or not last.sid.startswith("SM") or last.to != "+65%d" % (88000000 + m - 1):
        print("twilio_loop: unexpected response %r" % (last,), file=sys.stderr)
        return 1
    print(m, "%.6f" % dt, twilio.__version__)
    return 0


if __name__ == "__main__":
    sys.exit(main())
