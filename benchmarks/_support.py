"""What the benchmarks share: databases, child processes, SMTP sinks, tables.

Every process started here is started in a session of its own and stopped, with its whole
process group, by `Processes.stop_all()`, which the benchmarks call in `finally`.
"""
from __future__ import annotations

import contextlib
import getpass
import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SECRET_KEY = "bench-secret-key-not-for-production"
LOOPBACK = "127.0.0.1"


# --- databases -------------------------------------------------------------------------------

def postgresql_base_url() -> str | None:
    """BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local server; None when unreachable."""
    import sqlalchemy as sa

    url = (os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
           or f"postgresql+psycopg://{getpass.getuser()}@{LOOPBACK}:5432/test")
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            url = "postgresql+psycopg://" + url[len(prefix):]
    engine = sa.create_engine(url)
    try:
        with engine.connect():
            return url
    except Exception as error:  # unreachable: the run goes on with SQLite alone
        print(f"PostgreSQL not reachable at {url}: {type(error).__name__}; skipping it")
        return None
    finally:
        engine.dispose()


def _admin(url: str, statement: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(sa.text(statement))
    finally:
        engine.dispose()


@contextlib.contextmanager
def postgresql_schema(base_url: str) -> Iterator[str]:
    """A URL whose connections all work in a fresh schema, dropped afterwards whatever happens."""
    from tests.conftest import with_search_path

    schema = f"uadesk_bench_{secrets.token_hex(6)}"
    _admin(base_url, f'CREATE SCHEMA "{schema}"')
    try:
        yield with_search_path(base_url, schema)
    finally:
        _admin(base_url, f'DROP SCHEMA "{schema}" CASCADE')


def databases(directory: Path) -> Iterator[tuple[str, str]]:
    """(label, url): a SQLite file in `directory`, then a PostgreSQL schema when reachable."""
    yield "SQLite", f"sqlite:///{directory / 'bench.sqlite3'}"
    base = postgresql_base_url()
    if base:
        with postgresql_schema(base) as url:
            yield "PostgreSQL", url


def on_each_database(bench: Callable[[str, str, Path], Iterable[tuple[str, ...]] | None]) -> list[tuple[str, ...]]:
    """Runs `bench(label, url, directory)` on a SQLite file, then on a PostgreSQL schema when one is reachable,
    in a temporary folder that is the instance path too, and returns the rows it gave. The schema is dropped
    and the folder removed even when a run fails."""
    rows: list[tuple[str, ...]] = []
    with tempfile.TemporaryDirectory() as directory:
        os.environ["INSTANCE_PATH"] = str(Path(directory) / "instance")
        with contextlib.closing(databases(Path(directory))) as each:
            for label, url in each:
                rows.extend(bench(label, url, Path(directory)) or ())
    return rows


# --- environment for child processes ----------------------------------------------------------

def clean_environment(instance_path: Path, **settings: str | None) -> dict[str, str]:
    """os.environ without any UA Desk setting from the shell, plus `settings` (None: unset)."""
    import config

    names = set(config.from_environment(str(instance_path))) | {"DATABASE_URL", "INSTANCE_PATH", "FLASK_APP"}
    env = {key: value for key, value in os.environ.items() if key not in names}
    env.update({"INSTANCE_PATH": str(instance_path), "SECRET_KEY": SECRET_KEY, "PYTHONUNBUFFERED": "1"})
    for key, value in settings.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = str(value)
    return env


def flask_command(*args: str, env: dict[str, str]) -> str:
    """Run `flask --app app …` in the project folder; its output, or an error with its stderr."""
    result = subprocess.run([sys.executable, "-m", "flask", "--app", "app", *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise RuntimeError(f"flask {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout.strip()


# --- child processes --------------------------------------------------------------------------

class Processes:
    """Child processes in sessions of their own; stop_all() ends each one's whole process group."""

    def __init__(self) -> None:
        self.running: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, command: Sequence[str], *, env: dict[str, str], log: Path | None = None,
              **kwargs) -> subprocess.Popen:
        output = open(log, "ab") if log else subprocess.DEVNULL
        try:
            process = subprocess.Popen(list(command), cwd=ROOT, env=env, stdout=output, stderr=output,
                                       start_new_session=True, **kwargs)
        finally:
            if log:
                output.close()
        self.running.append((name, process))
        return process

    def stop(self, process: subprocess.Popen, timeout: float = 10.0) -> None:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout)
        # Whatever the group leader left behind (gunicorn workers, say) goes too.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        self.running = [(n, p) for n, p in self.running if p is not process]

    def stop_all(self) -> None:
        for _, process in reversed(list(self.running)):
            self.stop(process)


def terminate_on_sigterm() -> None:
    """SIGTERM unwinds like Ctrl-C, so every `finally` runs and no child is left behind."""
    def handler(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")
    signal.signal(signal.SIGTERM, handler)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def wait_for_http(port: int, path: str, *, process: subprocess.Popen | None = None, timeout: float = 60.0,
                  log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            break
        try:
            connection = http.client.HTTPConnection(LOOPBACK, port, timeout=5)
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            connection.close()
            if response.status == 200:
                return
            last = f"HTTP {response.status}"
        except OSError as error:
            last = f"{type(error).__name__}"
        time.sleep(0.2)
    tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
    raise RuntimeError(f"nothing answered 200 on {LOOPBACK}:{port}{path} ({last})\n{tail}")


# --- SMTP: a lean sink in a process of its own, and a blackhole --------------------------------

_VERP_ID = re.compile(rb"\+(\d+)-")


def _sink_main(port: int, ready, stop, results) -> None:
    """An aiosmtpd server that only counts and remembers the VERP tag of each message.

    It runs in a process of its own so it does not compete with the senders for their GIL,
    and does no parsing, so the figure measures the senders rather than the sink.
    """
    from aiosmtpd.controller import Controller

    received: list[str] = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope.mail_from)
            return "250 OK"

    controller = Controller(Handler(), hostname=LOOPBACK, port=port)
    controller.start()
    ready.set()
    try:
        stop.wait()
    finally:
        controller.stop()
        results.send(received)
        results.close()


class SMTPSink:
    """Start with `with SMTPSink() as sink:`; `sink.collect()` stops it and returns the mail_froms."""

    def __init__(self) -> None:
        import multiprocessing

        self._context = multiprocessing.get_context("spawn")
        self.port = free_port()
        self._ready, self._stop = self._context.Event(), self._context.Event()
        self._receive, send = self._context.Pipe(duplex=False)
        self._process = self._context.Process(target=_sink_main, args=(self.port, self._ready, self._stop, send),
                                              daemon=True)
        self._send = send
        self._collected: list[str] | None = None

    def __enter__(self) -> SMTPSink:
        self._process.start()
        self._send.close()
        if not self._ready.wait(30):
            self.__exit__()
            raise RuntimeError("the SMTP sink did not start")
        return self

    def collect(self) -> list[str]:
        if self._collected is None:
            self._stop.set()
            self._collected = self._receive.recv() if self._receive.poll(30) else []
            self._process.join(10)
        return self._collected

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._process.join(10)
        if self._process.is_alive():
            self._process.kill()
            self._process.join(5)


def verp_ids(mail_froms: list[str]) -> list[int]:
    """Outbox row ids named by VERP envelope senders (bounces+<id>-<signature>@…)."""
    ids = []
    for mail_from in mail_froms:
        match = _VERP_ID.search(mail_from.encode())
        ids.append(int(match.group(1)) if match else -1)
    return ids


class Blackhole:
    """A TCP listener that accepts connections and never says a word, like a hung mail server."""

    def __init__(self) -> None:
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind((LOOPBACK, 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self.accepted: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.accepted.append(connection)

    def __enter__(self) -> Blackhole:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        for connection in self.accepted:
            connection.close()


# --- other work on the machine ----------------------------------------------------------------

_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _processes() -> dict[int, tuple[int, str, int]]:
    """pid → (parent pid, command name, CPU ticks used so far), from /proc (Linux only)."""
    found = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as handle:
                stat = handle.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        found[int(entry.name)] = (int(fields[1]), name, int(fields[11]) + int(fields[12]))
    return found


class OtherLoad:
    """How much CPU processes that are not this benchmark's (nor PostgreSQL's) used meanwhile.

    Other people's test runs on a shared machine take CPUs from the server under test; the
    figure says how much, so a low result can be read for what it is. It is a lower bound:
    processes that started and ended between the two looks are not seen.
    """

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.before = _processes() if os.path.isdir("/proc") else {}

    def cpus(self) -> float:
        if not self.before:
            return float("nan")
        after, me = _processes(), os.getpid()

        def ours(pid: int) -> bool:
            seen = 0
            while pid > 1 and seen < 64:
                if pid == me:
                    return True
                pid, seen = after.get(pid, self.before.get(pid, (0,)))[0], seen + 1
            return False

        ticks = 0
        for pid, (_, name, used) in after.items():
            if name.startswith("postgres") or ours(pid):
                continue
            ticks += used - self.before.get(pid, (0, name, 0))[2] if pid in self.before else used
        return ticks / _TICKS / max(time.monotonic() - self.started, 1e-9)


# --- instructions -----------------------------------------------------------------------------

_COLLECTED = re.compile(r"Collected : (\d+)")


def instructions(script: Path, *arguments: str) -> int:
    """Instructions callgrind counts for one run of `script --directory <a new temporary folder> …`.

    Counts, unlike seconds, do not move with whatever else the machine runs. The hash seed is
    fixed: with a random one, dictionaries and sets differ run to run, and so would the counts.
    """
    with tempfile.TemporaryDirectory() as directory:
        env = clean_environment(Path(directory), PYTHONHASHSEED="0")
        result = subprocess.run(
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, str(script),
             *arguments, "--directory", directory],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800)
    found = _COLLECTED.search(result.stderr)
    if result.returncode != 0 or not found:
        raise RuntimeError(f"{script.name} {' '.join(arguments)} under valgrind failed:\n{result.stderr[-3000:]}")
    return int(found.group(1))


def instructions_per_request(script: Path, child: str, *, warmup: int, requests: int) -> float:
    """What one request costs in `script --child CHILD`: two counted runs, warm-up only and
    warm-up + `requests`, so start-up and warm-up cancel out."""
    def counted(total: int) -> int:
        return instructions(script, "--child", child, "--requests", str(total))

    return (counted(warmup + requests) - counted(warmup)) / requests


# --- printing ---------------------------------------------------------------------------------

def print_table(rows: list[tuple[str, ...]], header: tuple[str, ...] = ("measure", "value", "ceiling", "ratio",
                                                                         "goal")) -> None:
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    for row in (header, *rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip(), flush=True)


def machine_line() -> str:
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return f"python {sys.version.split()[0]}, {os.cpu_count()} CPU(s), load average before the run: {load}"


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"
