"""`cards serve`, run as a user runs it: a real process on a free port, a card edited on
disk, the served page showing the new title within 2 seconds; a broken edit showing its
file:line in the page; Ctrl-C stopping it cleanly. (The page reloading itself in a
browser: test_site_browser.py.)"""
from __future__ import annotations

import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, ctrl_c_as_from_a_terminal

FLAGSHIP = ROOT / "cards" / "system-leadership"
CARD = "behaviours/01-authenticity.yaml"


class Served:
    """`cards serve` in its own process, in a copy of the flagship deck."""

    def __init__(self, project: Path, broken: bool = False):
        self.deck = project / "cards" / "system-leadership"
        shutil.copytree(FLAGSHIP, self.deck)
        if broken:
            with (self.deck / "deck.yaml").open("a", encoding="utf-8") as deck_file:
                deck_file.write("colour: [\n")
        with ctrl_c_as_from_a_terminal():  # stop() sends it
            self.process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--port", "0"], cwd=project,
                                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=lambda: lines.put(self.process.stdout.readline()), daemon=True).start()
        try:
            first = lines.get(timeout=60)
        except queue.Empty:
            self.process.kill()
            raise AssertionError("cards serve did not start within 60 s") from None
        match = re.search(r"http://127\.0\.0\.1:\d+/", first)
        assert match, f"cards serve said {first!r}; stderr: {self.process.stderr.read() if self.process.poll() is not None else ''}"
        self.address = match.group(0)

    def page(self) -> str:
        with urllib.request.urlopen(self.address, timeout=5) as response:  # follows the redirect to the deck page
            return response.read().decode("utf-8")

    def image(self, name: str) -> bytes:
        with urllib.request.urlopen(f"{self.address}system-leadership/images/system-leadership-{name}.png", timeout=5) as response:
            return response.read()

    def wait_for(self, text: str, seconds: float) -> float:
        """How long until the served page holds `text` (an AssertionError after `seconds`)."""
        started = time.monotonic()
        while time.monotonic() - started < seconds:
            if text in self.page():
                return time.monotonic() - started
            time.sleep(0.05)
        raise AssertionError(f"the served page did not show {text!r} within {seconds} s")

    def stop(self) -> tuple[int, str, str]:
        if sys.platform == "win32":
            self.process.terminate()
        else:
            self.process.send_signal(signal.SIGINT)  # what Ctrl-C sends
        out, err = self.process.communicate(timeout=20)
        return self.process.returncode, out, err


@pytest.fixture
def served(tmp_path):
    running = Served(tmp_path)
    yield running
    if running.process.poll() is None:
        running.process.kill()
        running.process.communicate()


def test_serve_shows_an_edit_within_two_seconds_and_problems_in_the_page(served):
    assert "Authenticity" in served.page() and "Being" in served.page()
    before = {n: served.image(n) for n in ("01-authenticity-front", "02-mindset-front")}
    card = served.deck / CARD
    text = card.read_text(encoding="utf-8")
    card.write_text(text.replace("title: Authenticity", "title: Authenticity, Renamed & Saved"), encoding="utf-8")
    seconds = served.wait_for("Authenticity, Renamed &amp; Saved", 2.0)
    assert seconds < 2.0
    assert served.image("01-authenticity-front") != before["01-authenticity-front"]  # the edited card drawn again
    assert served.image("02-mindset-front") == before["02-mindset-front"]
    card.write_text(text + "enabling: [unclosed\n", encoding="utf-8")
    served.wait_for(f"01-authenticity.yaml:{text.count(chr(10)) + 2}:1: error: YAML syntax", 2.0)
    page = served.page()
    assert 'class="card"' not in page  # the problems, not stale cards
    card.write_text(text, encoding="utf-8")
    served.wait_for('class="card"', 2.0)
    status, out, err = served.stop()
    if sys.platform != "win32":
        assert status == 0 and out.rstrip().endswith("stopped")
    assert "Traceback" not in err and "YAML syntax" in err  # the terminal said what the page did


def test_serve_serves_only_this_computer_and_its_own_files(served):
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(served.address + "../../etc/passwd", timeout=5)
    assert missing.value.code == 404
    missing.value.close()
    with urllib.request.urlopen(served.address + "system-leadership/images/system-leadership-01-authenticity-front.png") as image:
        assert image.headers["Content-Type"] == "image/png" and image.read(8) == b"\x89PNG\r\n\x1a\n"
    assert served.address.startswith("http://127.0.0.1:")


def test_a_deck_broken_from_the_start_shows_its_problems_then_its_cards(tmp_path):
    served = Served(tmp_path, broken=True)
    try:
        page = served.page()
        assert "deck.yaml:" in page and "error: YAML syntax" in page and 'class="card"' not in page
        text = (served.deck / "deck.yaml").read_text(encoding="utf-8")
        (served.deck / "deck.yaml").write_text(text.replace("colour: [\n", ""), encoding="utf-8")
        served.wait_for('class="card"', 2.0)
        with urllib.request.urlopen(served.address + "index.html", timeout=5) as page:  # where the problems page was
            assert 'class="card"' in page.read().decode("utf-8")
    finally:
        status, out, err = served.stop()
    assert "Traceback" not in err


def test_a_port_in_use_is_said_before_anything_is_built():
    import socket

    from generator.errors import UsageError
    from generator.pipeline import PrintOptions
    from generator.serve import serve

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    built = []
    try:
        with pytest.raises(UsageError, match=r"cannot serve on port \d+: .*choose another with --port"):
            serve([ROOT / "cards" / "system-leadership"], taken.getsockname()[1], PrintOptions(),
                  lambda *report: built.append(report), lambda address: None)
    finally:
        taken.close()
    assert built == []  # no build started: the answer comes at once


@pytest.fixture
def quiet_server(monkeypatch):
    """The preview's server in this process, serving a page, a large image and an asset."""
    from generator.serve import Preview, _Handler, bind_server, start_serving

    monkeypatch.setattr(_Handler, "timeout", 0.5)  # REQUEST_TIMEOUT_S, shortened for the test
    preview = Preview([])
    preview.files = {"/deck/index.html": (b"<p>deck</p>", "text/html; charset=utf-8"),
                     "/big.png": (b"\x89PNG" + bytes(4_000_000), "image/png"),
                     "/assets/site.css": (b"body{}", "text/css; charset=utf-8")}
    preview.home = "/deck/index.html"
    server = bind_server(preview, 0)
    start_serving(server)
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def _request(port: int, method: str = "GET", path: str = "/assets/site.css", host: str | None = None):
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.putrequest(method, path, skip_host=host is not None)
    if host is not None:
        connection.putheader("Host", host)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, dict(response.getheaders()), body


def test_head_is_answered_like_get_without_a_body(quiet_server):
    status, headers, body = _request(quiet_server, "HEAD")
    assert (status, headers["Content-Length"], body) == (200, "6", b"")
    assert _request(quiet_server, "HEAD", "/nowhere")[0] == 404


def test_only_local_host_names_are_answered(quiet_server):
    """A page elsewhere whose domain is pointed at 127.0.0.1 (DNS rebinding) reads nothing."""
    port = quiet_server
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}", "LOCALHOST"):
        assert _request(quiet_server, host=host)[0] == 200, host
    for host in (f"evil.example:{port}", "evil.example", f"127.0.0.1.evil.example:{port}", "[::2]"):
        status, _, body = _request(quiet_server, host=host)
        assert status == 403 and b"localhost" in body, host


def test_two_hundred_requests_at_once_are_all_answered(quiet_server):
    from concurrent.futures import ThreadPoolExecutor

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=200) as pool:
        statuses = list(pool.map(lambda _: _request(quiet_server)[0], range(200)))
    assert statuses == [200] * 200
    assert time.monotonic() - started < 30


def test_a_half_sent_request_is_dropped_and_an_abandoned_one_prints_nothing(quiet_server, capfd):
    import socket
    import struct

    half = socket.create_connection(("127.0.0.1", quiet_server), timeout=10)
    half.sendall(b"GET /assets/site.css HTTP/1.1\r\nHost: local")  # and never the rest
    started = time.monotonic()
    assert half.recv(1024) == b""  # closed by the server, not left holding a thread
    assert time.monotonic() - started < 5
    half.close()
    for _ in range(20):  # a browser reloading: the request sent, the connection reset before the answer is read
        gone = socket.create_connection(("127.0.0.1", quiet_server), timeout=10)
        gone.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        gone.sendall(b"GET /big.png HTTP/1.1\r\nHost: localhost\r\n\r\n")
        gone.close()
    time.sleep(1)
    assert _request(quiet_server)[0] == 200  # still serving
    assert "Traceback" not in capfd.readouterr().err


def test_a_deck_folder_that_goes_and_comes_back_is_previewed_again(tmp_path):
    """A branch switch removes the deck's folder and brings it back: the page shows the
    problem meanwhile, and edits show again afterwards."""
    running = Served(tmp_path)
    try:
        away = tmp_path / "away"
        shutil.move(str(running.deck), str(away))
        running.wait_for("not a deck folder", 10)
        shutil.move(str(away), str(running.deck))
        time.sleep(1)
        card = running.deck / CARD
        card.write_text(card.read_text(encoding="utf-8").replace("title: Authenticity", "title: Authenticity Again"), encoding="utf-8")
        running.wait_for("Authenticity Again", 10)
        code, _, err = running.stop()
        assert code == 0 and "Traceback" not in err
    finally:
        if running.process.poll() is None:
            running.process.kill()
            running.process.communicate()


def test_the_preview_has_the_workshop_page_too(served):
    with urllib.request.urlopen(served.address + "system-leadership/workshop.html", timeout=5) as page:
        html = page.read().decode("utf-8")
    assert "<h1>Draw a card" in html and "/_live.js" in html and 'src="../assets/workshop.js"' in html
    with urllib.request.urlopen(served.address + "assets/workshop.js", timeout=5) as script:
        assert script.headers["Content-Type"].startswith("text/javascript") and b"data-draw" in script.read()
    with urllib.request.urlopen(served.address + "system-leadership/index.html", timeout=5) as page:
        assert 'href="workshop.html"' in page.read().decode("utf-8")
