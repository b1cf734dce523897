"""Lean benchmark clients, so that the client is not what limits a 2-core machine.

- `Http`: one raw HTTP/1.1 keep-alive connection (asyncio streams); reconnects when the server
  closes (gunicorn's sync worker answers `Connection: close`).
- `WsPool`: many WebSocket clients, each a bare asyncio.Protocol (RFC 6455 framing by hand, no
  per-connection task, no Origin header, no compression); optional reconnection with full-jitter
  exponential backoff. Every received frame is handed to `on_message(slot, payload, t)` with the
  wall-clock time of the read that carried it.

`python bench/_clients.py hold --port P --paths-file F` holds sockets open in a separate process
(so that their frames do not delay the HTTP load generator's event loop): prints `READY {...}`
once all are connected, and its figures as JSON when stdin closes.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import json
import os
import random
import sys
import time
from collections.abc import Callable

try:
    import uvloop
except ImportError:  # pragma: no cover
    uvloop = None


def new_event_loop_policy() -> None:
    if uvloop is not None:
        asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())


# --- HTTP -------------------------------------------------------------------------------------


class Http:
    """One client connection; `request` returns (status, body bytes)."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.connects = 0
        self.host_header = f"{host}:{port}".encode()

    async def _connect(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.connects += 1

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    async def request(self, method: bytes, path: str, headers: bytes = b"") -> tuple[int, bytes]:
        if self.writer is None:
            await self._connect()
        self.writer.write(
            b"%s %s HTTP/1.1\r\nHost: %s\r\n%sContent-Length: 0\r\n\r\n"
            % (method, path.encode(), self.host_header, headers)
        )
        try:
            head = await self.reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, ConnectionError):
            self.close()
            raise
        status = int(head[9:12])
        lower = head.lower()
        i = lower.find(b"\r\ncontent-length:")
        if i >= 0:
            j = lower.index(b"\r\n", i + 2)
            body = await self.reader.readexactly(int(lower[i + 17 : j]))
        elif b"\r\ntransfer-encoding: chunked" in lower:
            body = await self._chunked()
        else:
            body = await self.reader.read()
            self.close()
            return status, body
        if b"\r\nconnection: close" in lower:
            self.close()
        return status, body

    async def _chunked(self) -> bytes:
        """A streamed body (a CSV export): chunks until the empty one, then its trailers."""
        pieces = []
        while True:
            size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                while await self.reader.readuntil(b"\r\n") != b"\r\n":
                    pass
                return b"".join(pieces)
            pieces.append(await self.reader.readexactly(size))
            await self.reader.readexactly(2)


# --- WebSocket --------------------------------------------------------------------------------


class Slot:
    """One logical client (it survives reconnections)."""

    __slots__ = (
        "idx", "path", "kind", "tag", "headers", "proto", "ready", "ready_at", "opened_at",
        "frames", "bytes", "max_per_read", "connects", "failures", "close_codes", "waiter",
        "data",
    )  # fmt: skip

    def __init__(self, idx: int, path: str, kind: str, tag=None, headers: bytes = b""):
        self.idx, self.path, self.kind, self.tag = idx, path, kind, tag
        self.headers = headers  # extra handshake header lines, each ending in \r\n
        self.proto: WsProto | None = None
        self.ready = False  # connected and first frame (the snapshot) received
        self.ready_at: list[float] = []
        self.opened_at = 0.0
        self.frames = 0
        self.bytes = 0
        self.max_per_read = 0
        self.connects = 0
        self.failures = 0
        self.close_codes: dict[int, int] = {}
        self.waiter: asyncio.Future | None = None
        self.data = None  # for the script


def _mask(payload: bytes) -> bytes:
    key = os.urandom(4)
    return key + bytes(b ^ key[i & 3] for i, b in enumerate(payload))


def _client_frame(opcode: int, payload: bytes = b"") -> bytes:
    return bytes([0x80 | opcode, 0x80 | len(payload)]) + _mask(payload)  # control frames < 126


class WsProto(asyncio.Protocol):
    __slots__ = ("pool", "slot", "transport", "buf", "upgraded", "fragments", "closed")

    def __init__(self, pool: WsPool, slot: Slot):
        self.pool, self.slot = pool, slot
        self.transport = None
        self.buf = bytearray()
        self.upgraded = False
        self.fragments: list[bytes] | None = None
        self.closed = False

    def connection_made(self, transport):
        self.transport = transport
        key = base64.b64encode(os.urandom(16))
        transport.write(
            b"GET %s HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            b"Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n%s\r\n"
            % (self.slot.path.encode(), self.pool.host_header, key, self.slot.headers)
        )

    def data_received(self, data):
        now = time.time()
        buf = self.buf
        buf += data
        if not self.upgraded:
            end = buf.find(b"\r\n\r\n")
            if end < 0:
                return
            if buf[9:12] != b"101":
                self.slot.close_codes[int(buf[9:12])] = (
                    self.slot.close_codes.get(int(buf[9:12]), 0) + 1
                )
                self._fail()
                return
            del buf[: end + 4]
            self.upgraded = True
            self.slot.opened_at = now
        slot = self.slot
        n = 0
        while True:
            blen = len(buf)
            if blen < 2:
                break
            b0, b1 = buf[0], buf[1]
            length = b1 & 0x7F
            off = 2
            if length == 126:
                if blen < 4:
                    break
                length = (buf[2] << 8) | buf[3]
                off = 4
            elif length == 127:
                if blen < 10:
                    break
                length = int.from_bytes(buf[2:10], "big")
                off = 10
            if b1 & 0x80:  # servers do not mask; tolerate anyway
                off += 4
            stop = off + length
            if blen < stop:
                break
            payload = bytes(buf[off:stop])
            del buf[:stop]
            opcode = b0 & 0x0F
            if opcode in (1, 2, 0):
                if not b0 & 0x80:
                    self.fragments = (self.fragments or []) + [payload]
                    continue
                if self.fragments is not None:
                    payload = b"".join(self.fragments) + payload
                    self.fragments = None
                n += 1
                slot.frames += 1
                slot.bytes += len(payload)
                self.pool.on_message(slot, payload, now)
                if not slot.ready:
                    slot.ready = True
                    slot.ready_at.append(now)
                    self.pool.ready_count += 1
                    if slot.waiter is not None and not slot.waiter.done():
                        slot.waiter.set_result(True)
            elif opcode == 9:
                self.transport.write(_client_frame(10, payload))
            elif opcode == 8:
                code = int.from_bytes(payload[:2], "big") if len(payload) >= 2 else 1005
                slot.close_codes[code] = slot.close_codes.get(code, 0) + 1
                if not self.closed:
                    self.closed = True
                    self.transport.write(_client_frame(8, payload[:2]))
                self.transport.close()
                return
        if n > slot.max_per_read:
            slot.max_per_read = n

    def _fail(self):
        if self.slot.waiter is not None and not self.slot.waiter.done():
            self.slot.waiter.set_result(False)
        self.transport.abort()

    def connection_lost(self, exc):
        self.pool._lost(self)

    def close(self, code: int = 1000):
        if self.transport and not self.transport.is_closing():
            self.closed = True
            self.transport.write(_client_frame(8, code.to_bytes(2, "big")))
            self.transport.close()


class WsPool:
    def __init__(
        self,
        host: str,
        port: int,
        *,
        on_message: Callable[[Slot, bytes, float], None] | None = None,
        reconnect: bool = False,
        backoff_base: float = 0.25,
        backoff_cap: float = 2.0,
        handshakes: int = 256,
        connect_timeout: float = 30.0,
    ):
        self.host, self.port = host, port
        self.host_header = f"{host}:{port}".encode()
        self.on_message = on_message or (lambda slot, payload, t: None)
        self.reconnect = reconnect
        self.backoff_base, self.backoff_cap = backoff_base, backoff_cap
        self.handshakes = asyncio.Semaphore(handshakes)
        self.connect_timeout = connect_timeout
        self.slots: list[Slot] = []
        self.ready_count = 0
        self.closing = False
        self.lost_count = 0
        self.tasks: set[asyncio.Task] = set()

    def add(self, path: str, kind: str, tag=None, headers: bytes = b"") -> Slot:
        slot = Slot(len(self.slots), path, kind, tag, headers)
        self.slots.append(slot)
        return slot

    async def _connect_once(self, slot: Slot) -> bool:
        loop = asyncio.get_running_loop()
        slot.waiter = loop.create_future()
        async with self.handshakes:
            try:
                _, proto = await asyncio.wait_for(
                    loop.create_connection(lambda: WsProto(self, slot), self.host, self.port),
                    self.connect_timeout,
                )
            except (OSError, TimeoutError):
                slot.failures += 1
                return False
            slot.proto = proto
            slot.connects += 1
            try:
                ok = await asyncio.wait_for(asyncio.shield(slot.waiter), self.connect_timeout)
            except TimeoutError:
                ok = False
            if not ok:
                slot.failures += 1
                proto.transport.abort()
            return ok

    async def _connect_with_backoff(self, slot: Slot, first_delay: bool) -> None:
        attempt = 0
        while not self.closing:
            if first_delay or attempt:
                ceiling = min(self.backoff_cap, self.backoff_base * 2**attempt)
                await asyncio.sleep(random.uniform(0, ceiling))
            if self.closing or await self._connect_once(slot):
                return
            if not self.reconnect:
                return
            attempt += 1

    async def connect_all(self) -> float:
        """Connect every slot at once (at most `handshakes` in flight); seconds until all have
        their first frame, or until all attempts ended."""
        started = time.monotonic()
        await asyncio.gather(*(self._connect_with_backoff(s, False) for s in self.slots))
        return time.monotonic() - started

    def _lost(self, proto: WsProto) -> None:
        slot = proto.slot
        if slot.proto is not proto:
            return
        slot.proto = None
        was_ready = slot.ready
        if was_ready:
            slot.ready = False
            self.ready_count -= 1
            self.lost_count += 1
        if slot.waiter is not None and not slot.waiter.done():
            slot.waiter.set_result(False)  # a connection attempt in progress retries by itself
        if was_ready and self.reconnect and not self.closing:
            task = asyncio.ensure_future(self._connect_with_backoff(slot, True))
            self.tasks.add(task)
            task.add_done_callback(self.tasks.discard)

    async def wait_ready(self, count: int, timeout: float) -> float | None:
        started = time.monotonic()
        while self.ready_count < count:
            if time.monotonic() - started > timeout:
                return None
            await asyncio.sleep(0.01)
        return time.monotonic() - started

    async def close_all(self) -> None:
        self.closing = True
        for task in list(self.tasks):
            task.cancel()
        for slot in self.slots:
            if slot.proto is not None:
                slot.proto.close()
        await asyncio.sleep(0.3)
        for slot in self.slots:
            if slot.proto is not None and slot.proto.transport:
                slot.proto.transport.abort()

    def summary(self) -> dict:
        codes: dict[str, int] = {}
        for slot in self.slots:
            for code, n in slot.close_codes.items():
                codes[str(code)] = codes.get(str(code), 0) + n
        return {
            "sockets": len(self.slots),
            "connected": self.ready_count,
            "frames": sum(s.frames for s in self.slots),
            "bytes": sum(s.bytes for s in self.slots),
            "max_frames_in_one_read": max((s.max_per_read for s in self.slots), default=0),
            "connection_failures": sum(s.failures for s in self.slots),
            "lost_connections": self.lost_count,
            "close_codes": codes,
        }


# --- the socket holder subprocess ---------------------------------------------------------------


async def _hold(port: int, paths: list[tuple[str, str]]) -> None:
    pool = WsPool("127.0.0.1", port, reconnect=True)
    for path, kind in paths:
        pool.add(path, kind)
    took = await pool.connect_all()
    cpu0, t0 = time.process_time(), time.monotonic()
    frames0 = sum(s.frames for s in pool.slots)
    print("READY " + json.dumps({"connect_all_s": round(took, 2), **pool.summary()}), flush=True)
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    await reader.read()  # until the parent closes our stdin
    wall = time.monotonic() - t0
    summary = pool.summary()
    summary.update(
        connect_all_s=round(took, 2),
        frames_while_holding=summary["frames"] - frames0,
        frames_per_socket_per_s=round((summary["frames"] - frames0) / len(pool.slots) / wall, 2),
        holder_cpu_cores=round((time.process_time() - cpu0) / wall, 3),
        held_s=round(wall, 1),
    )
    await pool.close_all()
    print(json.dumps(summary), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    hold = sub.add_parser("hold")
    hold.add_argument("--port", type=int, required=True)
    hold.add_argument("--paths-file", required=True, help="JSON list of [path, kind]")
    args = parser.parse_args()
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from _setup import raise_nofile

    raise_nofile()
    with open(args.paths_file) as f:
        paths = json.load(f)
    new_event_loop_policy()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_hold(args.port, paths))


if __name__ == "__main__":
    main()
