"""The gunicorn worker the service runs (``gunicorn.conf.py``): gthread that no slow client can stall.

gunicorn's gthread worker waits for a connection's first byte in its event loop,
then hands the connection to a thread that reads the request line and headers
with a blocking socket and no time limit. A client that sends one byte and then
nothing (or one header line a minute) holds that thread for good, and a client
that never reads a large response holds the thread writing it: with sync
workers two such sockets stopped the service.

Here:

- the request line and headers are read in the event loop, without a thread,
  until they are complete (or over gunicorn's size limits, which the parser
  then refuses with 400); idle and slow-header connections cost a file
  descriptor each and are closed ``header_timeout`` seconds after they were
  accepted (or, on a kept-alive connection, after the next request began);
- the thread that handles the request reads the body and writes the response
  with a socket timeout (``io_timeout``): a client that stops reading or
  sending frees its thread when that runs out;
- no ``Server`` header is sent (gunicorn has no setting to drop it).

Writes to clients that read slowly still hold a thread each while they last; a
buffering proxy in front (README, "Deployment") takes them off the server.
"""

from __future__ import annotations

import errno
import selectors
import time

from gunicorn.http import wsgi
from gunicorn.workers.gthread import TConn, ThreadWorker

# A request head is complete at its first empty line.
_END_OF_HEAD = b"\r\n\r\n"


class _Response(wsgi.Response):
    """gunicorn's response, without the ``Server: gunicorn`` line it always writes."""

    def default_headers(self) -> list[str]:
        return [line for line in super().default_headers() if not line.startswith("Server:")]


class _Conn(TConn):
    """A connection that collects its request head in the event loop before it gets a thread."""

    def __init__(self, cfg, sock, client, server, *, deadline: float, io_timeout: float) -> None:
        super().__init__(cfg, sock, client, server)
        self.head = bytearray()
        self.timeout = deadline  # gthread's field for when an idle connection is closed
        self.io_timeout = io_timeout

    def init(self) -> None:
        super().init()  # blocking socket, parser created on first use
        self.sock.settimeout(self.io_timeout)
        if self.head:
            # What the event loop read is given back to the parser, in order,
            # before anything still on the socket.
            self.parser.unreader.unread(bytes(self.head))
            self.head.clear()


class HeaderBufferingWorker(ThreadWorker):
    # Set from gunicorn.conf.py (post_worker_init), the one place the served settings live.
    header_timeout: float = 10.0
    io_timeout: float = 60.0

    def init_process(self) -> None:
        wsgi.Response = _Response  # wsgi.create() builds its response from the module's name
        super().init_process()

    def _max_head(self) -> int:
        cfg = self.cfg
        return cfg.limit_request_line + cfg.limit_request_fields * (cfg.limit_request_field_size + 2) + 4

    def accept(self, server, listener) -> None:
        try:
            sock, client = listener.accept()
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        conn = _Conn(self.cfg, sock, client, server, deadline=time.time() + self.header_timeout,
                     io_timeout=self.io_timeout)
        self.nr_conns += 1
        with self._lock:
            # Kept with the idle keep-alive connections, so that the same sweep
            # (murder_keepalived) closes it when its deadline passes.
            self._keep.append(conn)
            self.poller.register(conn.sock, selectors.EVENT_READ, lambda _sock, c=conn: self._readable(c))

    def on_client_socket_readable(self, conn, client) -> None:
        # gthread registers kept-alive connections with this callback.
        self._readable(conn)

    def _readable(self, conn: _Conn) -> None:
        try:
            data = conn.sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""  # reset by the client: the thread finds the socket closed and ends it
        if data:
            if not conn.head and conn.initialized:
                # A kept-alive connection that starts its next request has the
                # head's time from now on, not what was left of its keep-alive.
                conn.timeout = time.time() + self.header_timeout
            conn.head += data
            if _END_OF_HEAD not in conn.head and len(conn.head) <= self._max_head():
                return  # not complete yet: wait in the loop, with no thread
        with self._lock:
            try:
                self.poller.unregister(conn.sock)
            except (KeyError, ValueError):
                pass
            try:
                self._keep.remove(conn)
            except ValueError:
                return  # the sweep closed it meanwhile
        self.enqueue_req(conn)

    def murder_keepalived(self) -> None:
        # gthread stops at the first connection whose time has not come, which
        # assumes one timeout for all; here heads and keep-alives have their own.
        now = time.time()
        with self._lock:
            expired = [conn for conn in self._keep if conn.timeout <= now]
            for conn in expired:
                self._keep.remove(conn)
                try:
                    self.poller.unregister(conn.sock)
                except (KeyError, ValueError, OSError):
                    pass
        for conn in expired:
            self.nr_conns -= 1
            conn.close()
