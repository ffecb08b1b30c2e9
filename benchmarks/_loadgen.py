"""A small HTTP/1.1 load generator, run as a process of its own by bench_action.py.

    python benchmarks/_loadgen.py < spec.json > result.json

Without `rate`, a closed loop as wrk does it: `connections` clients each send one request at a
time on a keep-alive connection (reconnecting when the server closes it), so the rate is what
the server sustains. With `rate`, an open loop: requests fall due at that rate, go out on the
first free one of `connections` connections, and are timed from when they fell due. Each request
is a form POST with its own nonce and email. Requests started (or due) in the warm-up are not
counted. Any answer but `expect_status`, a broken connection or a timeout is an error, counted
over the whole run. Only the standard library.
"""
from __future__ import annotations

import asyncio
import json
import math
import os
import sys
import time
from urllib.parse import urlencode


BACKLOG = "not sent: client backlog"


def _request_bytes(spec: dict, client: int, number: int) -> bytes:
    tag = f"{spec['tag']}{client:03d}n{number:07d}"
    fields = [(name, value.replace("{tag}", tag)) for name, value in spec["fields"]]
    body = urlencode(fields).encode()
    head = (f"POST {spec['path']} HTTP/1.1\r\nHost: {spec['host']}:{spec['port']}\r\n"
            f"Cookie: {spec['cookie']}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\nConnection: keep-alive\r\n\r\n")
    return head.encode() + body


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """(status, whether the server will close the connection); reads the whole body."""
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("connection closed before the status line")
    status = int(status_line.split(b" ", 2)[1])
    length, chunked, close = None, False, status_line.startswith(b"HTTP/1.0")
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.partition(b":")
        name, value = name.strip().lower(), value.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding" and b"chunked" in value:
            chunked = True
        elif name == b"connection":
            close = value == b"close"
    if chunked:
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length is not None:
        await reader.readexactly(length)
    else:
        await reader.read()
        close = True
    return status, close


async def _exchange(spec: dict, connection: list, request: bytes) -> str | None:
    """Send one request on `connection` ([reader, writer] or [None, None]); None, or what went wrong."""
    try:
        if connection[1] is None:
            connection[:] = await asyncio.open_connection(spec["host"], spec["port"])
        connection[1].write(request)
        status, close = await asyncio.wait_for(_read_response(connection[0]), spec["timeout"])
        error = None if status == spec["expect_status"] else f"HTTP {status}"
    except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError, IndexError) as problem:
        close, error = True, type(problem).__name__
    if close and connection[1] is not None:
        connection[1].close()
        connection[:] = [None, None]
    return error


async def _closed_loop(spec: dict, client: int, results: list, state: dict) -> None:
    """One client: the next request as soon as the previous answer is in."""
    connection: list = [None, None]
    number = 0
    while time.perf_counter() < state["stop_at"] and state["issued"] < spec["max_requests"]:
        state["issued"] += 1
        number += 1
        request = _request_bytes(spec, client, number)
        started = time.perf_counter()
        error = await _exchange(spec, connection, request)
        results.append((started, time.perf_counter(), error))
    if connection[1] is not None:
        connection[1].close()


async def _open_loop(spec: dict, results: list, state: dict) -> None:
    """Requests due at a fixed rate whatever the answers do, timed from when each was due.

    Timing from the due time rather than the send keeps a slow server from hiding its delay
    (coordinated omission): a request that waited for a free connection waited for the server.
    """
    due: asyncio.Queue = asyncio.Queue()

    async def schedule() -> None:
        begun, number = time.perf_counter(), 0
        while state["issued"] < spec["max_requests"]:
            at = begun + number / spec["rate"]
            if at >= state["stop_at"]:
                break
            if (delay := at - time.perf_counter()) > 0:
                await asyncio.sleep(delay)
            due.put_nowait((at, number))
            state["issued"] += 1
            number += 1
        for _ in range(spec["connections"]):
            due.put_nowait(None)

    async def send(client: int) -> None:
        connection: list = [None, None]
        while (item := await due.get()) is not None:
            at, number = item
            if time.perf_counter() > state["stop_at"] + spec["grace"]:
                results.append((at, time.perf_counter(), BACKLOG))
                continue
            error = await _exchange(spec, connection, _request_bytes(spec, client, number))
            results.append((at, time.perf_counter(), error))
        if connection[1] is not None:
            connection[1].close()

    await asyncio.gather(schedule(), *(send(n) for n in range(spec["connections"])))


async def _run(spec: dict) -> dict:
    results: list[tuple[float, float, str | None]] = []
    begun = time.perf_counter()
    measure_from = begun + spec["warmup"]
    state = {"stop_at": measure_from + spec["duration"], "issued": 0}
    cpu = os.times()
    if spec.get("rate"):
        await _open_loop(spec, results, state)
    else:
        await asyncio.gather(*(_closed_loop(spec, n, results, state) for n in range(spec["connections"])))
    cpu_used = sum(os.times()[:2]) - sum(cpu[:2])
    # Latency: the requests started (or due) after the warm-up. Rate: answers that came in
    # between the end of the warm-up and the end of the run, per second.
    counted = [(s, f, e) for s, f, e in results if s >= measure_from]
    window = max(min(state["stop_at"], max((f for _, f, _ in results), default=measure_from)) - measure_from, 1e-9)
    answered = sum(1 for _, f, e in results if e is None and measure_from <= f <= state["stop_at"])
    # A request the client never got to send waited at least until it was given up: its wait
    # counts (as a lower bound), or a server far behind would show no latency at all.
    latencies = sorted((f - s) * 1000 for s, f, e in counted if e is None or e == BACKLOG)
    errors: dict[str, int] = {}
    for _, _, error in results:
        if error:
            errors[error] = errors.get(error, 0) + 1

    def percentile(p: float) -> float:
        if not latencies:
            return float("nan")
        return latencies[max(0, math.ceil(p / 100 * len(latencies)) - 1)]  # nearest rank

    return {"requests": len(counted), "ok": sum(1 for _, _, e in counted if e is None), "rate": answered / window,
            "seconds": window,
            "p50": percentile(50), "p90": percentile(90), "p99": percentile(99),
            "max": latencies[-1] if latencies else float("nan"), "errors": errors,
            "total_ok": sum(1 for _, _, e in results if e is None), "total": len(results),
            "cpu_share": cpu_used / (time.perf_counter() - begun)}


def main() -> None:
    spec = json.load(sys.stdin)
    json.dump(asyncio.run(_run(spec)), sys.stdout)


if __name__ == "__main__":
    main()
