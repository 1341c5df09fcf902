"""Load from wrk (C, two threads): a Python client would take the cores the API is measured on.

`run` drives GET paths picked at random from a list, or POSTs a JSON body made per request
from a template (`{n}` a per-request counter unique across threads, `{pick}` a random value
from `picks`). wrk reports throughput and, through the script's `done` hook, p50/p95/p99.
"""

import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass

_LUA = r"""
local items = {%(items)s}
local key = "%(key)s"
local method = "%(method)s"
local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + tid * 7919)
  tid = tid .. "-" .. os.time()
end

request = function()
  counter = counter + 1
  local pick = items[math.random(#items)]
  local headers = {["Authorization"] = "Bearer " .. key}
  if method == "GET" then
    return wrk.format("GET", pick, headers)
  end
  headers["Content-Type"] = "application/json"
  local body = string.gsub(string.gsub(%(body)s, "{n}", tid .. "-" .. counter), "{pick}", pick)
  return wrk.format(method, "%(path)s", headers, body)
end

function done(summary, latency, requests)
  io.write(string.format("KT p50=%%f p95=%%f p99=%%f\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""


@dataclass
class WrkResult:
    rps: float
    p50: float
    p95: float
    p99: float
    errors: int
    requests: int

    def line(self, what: str, goal: str) -> str:
        errors = f", {self.errors} errors" if self.errors else ""
        return (
            f"{what}: **{self.rps:,.0f} req/s**, p50 {self.p50:.1f} ms, p95 {self.p95:.1f} ms, "
            f"p99 {self.p99:.1f} ms ({self.requests:,} requests{errors}; goal {goal})."
        )

    def row(self, what: str) -> str:
        errors = f" ({self.errors} errors)" if self.errors else ""
        return f"| {what}{errors} | {self.rps:,.0f} | {self.p50:.1f} | {self.p95:.1f} | {self.p99:.1f} |"


def available() -> bool:
    return shutil.which("wrk") is not None


def run(
    base_url: str,
    api_key: str,
    *,
    paths: list[str] | None = None,
    post_path: str | None = None,
    body_template: str | None = None,
    picks: list[str] | None = None,
    connections: int = 32,
    seconds: int = 15,
) -> WrkResult:
    """GET random `paths`, or POST `body_template` (with `{n}` and `{pick}`) to `post_path`."""
    if paths:
        method, items, body, path = "GET", paths, '""', ""
    else:
        if not (post_path and body_template and picks):
            raise ValueError("POST needs post_path, body_template and picks")
        method, items, path = "POST", picks, post_path
        body = json.dumps(body_template)
    script = _LUA % {
        "items": ",".join(json.dumps(i) for i in items),
        "key": api_key,
        "method": method,
        "body": body,
        "path": path,
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as f:
        f.write(script)
        f.flush()
        out = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{connections}",
                f"-d{seconds}s",
                "--timeout",
                "10s",
                "-s",
                f.name,
                base_url,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    total = re.search(r"(\d+) requests in", out)
    kt = re.search(r"KT p50=([\d.]+) p95=([\d.]+) p99=([\d.]+)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if not (rps and total and kt):
        raise RuntimeError(f"unexpected wrk output:\n{out}")
    return WrkResult(
        rps=float(rps.group(1)),
        p50=float(kt.group(1)),
        p95=float(kt.group(2)),
        p99=float(kt.group(3)),
        errors=int(non2xx.group(1) if non2xx else 0)
        + (sum(int(g) for g in errors.groups()) if errors else 0),
        requests=int(total.group(1)),
    )
