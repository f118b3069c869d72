"""`cards serve`: a live preview of decks at http://127.0.0.1:8000, the deck page of
`cards publish`, rebuilt whenever a file a deck uses is saved, the browser reloading itself.

Each rebuild checks the decks as `cards validate` does and draws the cards from their
press file (not preflighted: `cards build` does that). A deck with problems keeps its last
good cards on the page under the problems, each `file:line:col: error: message`, as the
terminal says them. Everything is served from memory, only to this computer (127.0.0.1).
The only module importing watchfiles (which watches the files, on every OS).
"""
from __future__ import annotations

import shutil
import sys
import threading
import time
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urlsplit

from generator.compose.faces import Face
from generator.compose.webpage import (
    WORKSHOP_PAGE,
    CardPictures,
    Download,
    Edition,
    deck_page,
    download_groups,
    index_entry,
    index_page,
    workshop_page,
)
from generator.content.catalogue import base_folders, layout_dirs
from generator.content.words import english, words_of
from generator.design.text import web_page
from generator.errors import Problem, UsageError, Where
from generator.images import face_names
from generator.pipeline import DeckBuild, PrintOptions, prepare, render
from generator.printing.outputs import adapted_base
from generator.printing.pictures import pixels
from generator.publish import FONT_FACES, GENERATOR, SITE_TEMPLATES
from generator.render.bitmaps import write_face_images

PREVIEW_DPI = 100  # sharp at the page's size on a high-density screen, quick to draw
HEARTBEAT_S = 15.0  # a comment line on the live stream now and then, so a closed tab is noticed
REQUEST_TIMEOUT_S = 10.0  # a request not sent whole by then is dropped: it never holds a thread for good
BACKLOG = 128  # connections waiting to be accepted: a page's images and a burst of reloads all get in
LOCAL_NAMES = ("127.0.0.1", "localhost", "::1")  # the Host names answered; others only when --host names them


@dataclass
class Preview:
    """What the server shows: path -> (bytes, content type), rebuilt from the decks."""

    deck_dirs: list[Path]
    options: PrintOptions = field(default_factory=PrintOptions)
    version: int = 0
    files: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    home: str = "/index.html"
    changed: threading.Condition = field(default_factory=threading.Condition)
    _good: dict[str, dict] = field(default_factory=dict)  # deck page path -> its last good page's data
    _good_files: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    _pictures: dict[str, tuple[Face, bytes]] = field(default_factory=dict)  # image name -> the face it shows, its PNG
    seen: list[Path] = field(default_factory=list)  # the folders there were as the last rebuild began

    def rebuild(self) -> list[Problem]:
        """Check and draw every deck again; the problems found. A deck with problems shows
        them on its page instead of its cards."""
        self.seen = self.watched()  # before reading: a folder going while it reads is seen afterwards
        try:
            prepared = prepare(self.deck_dirs, options=replace(self.options, outputs=("press",)))
            builds, problems = prepared.builds, prepared.problems
        except UsageError as err:  # a deck folder deleted or renamed while watched
            builds, problems = [], [Problem(Where("cards serve"), str(err))]
        fresh: set[str] = set()
        for item in builds:
            editions = [b.deck for b in builds if b.deck.id == item.deck.id]
            path = f"/{item.deck.stem}/index.html"
            self._good[path], drawn = _deck_files(item, editions, self._pictures)
            self._good_files.update(drawn)
            fresh.add(path)
        version = self.version + 1
        live = f"/_live.js?v={version}"
        served = dict(self._good_files)
        served.update(_assets(builds))
        shown = [str(p) for p in problems]
        for path, page in self._good.items():
            if path not in fresh:
                served[path] = _html("problems.html.j2", _problems_page(page["deck"].title, page["lang"], page["_"], shown, live))
        if not self._good:
            served["/index.html"] = _html("problems.html.j2", _problems_page("cards serve", "en", english(), shown, live))
        elif len({page["deck"].id for page in self._good.values()}) > 1:  # several decks: the index leads to each
            entries = {}
            for page in self._good.values():
                deck = page["deck"]
                editions = [p["deck"] for p in self._good.values() if p["deck"].id == deck.id]
                entries.setdefault(deck.id, index_entry(deck, editions, page["first_picture"]))
            first = next(iter(self._good.values()))
            context = dict(index_page(list(entries.values()), first["lang"], first["_"], "assets", GENERATOR), live=live)
            served["/index.html"] = _html("index.html.j2", context)
        several = "/index.html" in served
        for path in self._good:
            if path in fresh:
                page = self._good[path]
                served[path] = _html("deck.html.j2", dict(page, live=live, index_link="../index.html" if several else None))
                if page["first_picture"] is not None:  # the deck for a workshop on a call, as published
                    workshop = workshop_page(page, page["deck"], None, f"{page['deck'].stem}/", [])
                    served[path.replace("index.html", WORKSHOP_PAGE)] = _html("workshop.html.j2", dict(workshop, live=live))
        home = "/index.html" if "/index.html" in served else next(iter(self._good))
        served["/_live.js"] = ((SITE_TEMPLATES / "live.js").read_bytes(), "text/javascript; charset=utf-8")
        with self.changed:  # the page, its address and its build number change together
            self.files, self.home = served, home
            self.version = version
            self.changed.notify_all()
        return problems

    def watched(self) -> list[Path]:
        """The folders whose files the decks use: each deck's, its bases', the project's
        layouts; for one that is gone, the nearest folder above it that is there."""
        folders: list[Path] = []
        for deck_dir in self.deck_dirs:
            folders += [deck_dir, *base_folders(deck_dir)]
            folders += [d for d in layout_dirs(deck_dir) if not d.is_relative_to(SITE_TEMPLATES.parent)]
        unique: dict[Path, Path] = {}
        for folder in folders:
            while not folder.is_dir() and folder.parent != folder:
                folder = folder.parent  # a folder gone (a branch switched): watch where it comes back
            unique.setdefault(folder.resolve(), folder)
        return sorted(unique.values())


def _html(template: str, context: dict) -> tuple[bytes, str]:
    return web_page(SITE_TEMPLATES, template, context).encode("utf-8"), "text/html; charset=utf-8"


def _problems_page(title: str, language: str, words, problems: list[str], live: str) -> dict:
    return {"lang": language, "_": words, "title": title, "problems": problems, "assets": "/assets", "generator": GENERATOR,
            "fonts": [], "live": live, "og": {"title": title, "description": None, "locale": language.replace("-", "_"),
                                              "image": None, "url": None, "alternates": [], "licence": None}}


def _deck_files(item: DeckBuild, editions: list, pictures: dict[str, tuple[Face, bytes]]) -> tuple[dict, dict[str, tuple[bytes, str]]]:
    """One deck edition's page data and its card images, drawn from a press file of the
    faces that changed since the last rebuild (keyed by the faces' content)."""
    deck, layout = item.deck, item.design.layout
    names = face_names(deck)
    changed = [i for i, face in enumerate(item.faces) if names[i] not in pictures or pictures[names[i]][0] != face]
    if changed:
        press = next(o for o in item.outputs if o.kind == "press")
        staged = render([replace(press, faces=tuple(item.faces[i] for i in changed))])
        try:
            written = write_face_images(staged.files[0][1], [names[i] for i in changed], staged.folder / "images",
                                        PREVIEW_DPI, False)
            for i, path in zip(changed, written):
                pictures[names[i]] = (item.faces[i], path.read_bytes())
        finally:
            shutil.rmtree(staged.folder, ignore_errors=True)
    drawn = {f"/{deck.stem}/images/{name}": (pictures[name][1], "image/png") for name in names}
    width, height = pixels(layout.width, PREVIEW_DPI), pixels(layout.height, PREVIEW_DPI)
    pictures = [CardPictures(f"images/{names[i]}", f"images/{names[i + 1]}", width, height) for i in range(0, len(names), 2)]
    links = [Edition(d.language, f"../{d.stem}/index.html", d.stem == deck.stem) for d in editions]
    page = deck_page(deck, pictures, [], links, "../assets", GENERATOR, adapted_base(deck), preview=True)
    page["first_picture"] = pictures[0] if pictures else None
    if pictures:
        words = words_of(deck)
        page["download_groups"] = download_groups(
            [Download(WORKSHOP_PAGE, words("site-draw-file"), "HTML", words("site-draw-hint"), "facilitate", page=True)], words)
    page["fonts"] = [{"file": font.name + font.path.suffix.lower(), "weight": FONT_FACES[role][0], "style": FONT_FACES[role][1],
                      "format": "truetype"}
                     for role, font in item.design.style.fonts.items() if role in FONT_FACES]
    return page, drawn


def _assets(builds: list[DeckBuild]) -> dict[str, tuple[bytes, str]]:
    assets = {f"/assets/{name}": ((SITE_TEMPLATES / name).read_bytes(), kind)
              for name, kind in (("site.css", "text/css; charset=utf-8"), ("site.js", "text/javascript; charset=utf-8"),
                                 ("workshop.js", "text/javascript; charset=utf-8"),
                                 ("favicon.svg", "image/svg+xml"))}
    for item in builds:
        for font in item.design.style.fonts.values():
            assets[f"/assets/fonts/{font.name}{font.path.suffix.lower()}"] = (font.path.read_bytes(), "font/ttf")
    return assets


class _Handler(BaseHTTPRequestHandler):
    preview: Preview  # set on the class the server makes
    hosts: frozenset[str] = frozenset(LOCAL_NAMES)  # the Host names answered
    timeout = REQUEST_TIMEOUT_S  # the socket's: a half-sent request is dropped after it

    def do_GET(self) -> None:  # noqa: N802 - the standard library's name
        self._respond(body=True)

    def do_HEAD(self) -> None:  # noqa: N802 - the standard library's name
        self._respond(body=False)

    def _respond(self, body: bool) -> None:
        if not self._host_allowed():
            # A page elsewhere whose name points at this computer (DNS rebinding) reads nothing here.
            text = b"This preview answers only to the names it serves on (localhost, 127.0.0.1; --host adds one).\n"
            self._send(HTTPStatus.FORBIDDEN, text, "text/plain; charset=utf-8", body)
            return
        path = unquote(urlsplit(self.path).path)
        if path == "/" or (path == "/index.html" and path not in self.preview.files):  # a problems page reloaded once fixed
            self.send_response(HTTPStatus.FOUND)
            self.send_header("Location", self.preview.home)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if path == "/_live" and body:
            self._live()
            return
        found = self.preview.files.get(path)
        if found is None:
            text = b"Not here: this preview serves the deck pages, their images and assets.\n"
            self._send(HTTPStatus.NOT_FOUND, text, "text/plain; charset=utf-8", body)
            return
        self._send(HTTPStatus.OK, *found, body)

    def _host_allowed(self) -> bool:
        host = self.headers.get("Host")
        if host is None:
            return True  # HTTP/1.0 without one: not a browser, which always names the host
        host = host.strip().lower()
        name = host[1:].split("]", 1)[0] if host.startswith("[") else host.rsplit(":", 1)[0] if host.count(":") == 1 else host
        return name in self.hosts

    def _send(self, status: HTTPStatus, content: bytes, kind: str, body: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(content)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if body:
            self.wfile.write(content)

    def _live(self) -> None:
        """Server-sent events: the build's number now, and again after every rebuild."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        preview = self.preview
        sent = None
        try:
            while True:
                with preview.changed:
                    if preview.version == sent:
                        preview.changed.wait(HEARTBEAT_S)
                    version = preview.version
                if version != sent:
                    self.wfile.write(f"data: {version}\n\n".encode())
                    sent = version
                else:
                    self.wfile.write(b": still here\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            return  # the page was closed or reloaded

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the standard library's name
        """Quiet: the terminal shows the rebuilds, not every request."""


class _PreviewServer(ThreadingHTTPServer):
    request_queue_size = BACKLOG
    daemon_threads = True  # open live streams never keep the command from stopping

    def handle_error(self, request, client_address) -> None:
        """A browser that gave up on a request (a reload, a closed tab, a timeout) is not
        an error worth a traceback; anything else is."""
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


def bind_server(preview: Preview, port: int, host: str = "127.0.0.1") -> ThreadingHTTPServer:
    """The server on `host` (answering to that name and this computer's local names), its
    port taken (a port in use is said at once, before any build), not yet serving."""
    names = frozenset(LOCAL_NAMES) | {host.strip("[]").lower()}
    handler = type("PreviewHandler", (_Handler,), {"preview": preview, "hosts": names})
    try:
        server = _PreviewServer((host, port), handler)
    except OSError as err:
        where, fix = ("", "choose another with --port") if host == "127.0.0.1" else \
            (f" of {host}", "check --host (an address of this computer) or choose another --port")
        raise UsageError(f"cannot serve on port {port}{where}: {err.strerror or err}; {fix}") from None
    return server


def start_serving(server: ThreadingHTTPServer) -> None:
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True).start()


Report = Callable[[str, list[Problem], float], None]  # (what happened, problems, seconds taken): the CLI prints it


def serve(deck_dirs: list[Path], port: int, options: PrintOptions, report: Report,
          ready: Callable[[str], None], host: str = "127.0.0.1") -> None:
    """Build, serve and watch until Ctrl-C (KeyboardInterrupt), which stops it cleanly."""
    import watchfiles

    preview = Preview(deck_dirs, options)
    server = bind_server(preview, port, host)
    stop = threading.Event()
    serving = False
    try:
        started = time.monotonic()
        report("built", preview.rebuild(), time.monotonic() - started)
        start_serving(server)
        serving = True
        ready(f"http://{host}:{server.server_address[1]}/")
        while not stop.is_set():
            folders = preview.watched()
            if folders != preview.seen:  # a folder came or went since the last build began, between two watches
                started = time.monotonic()
                report("rebuilt after a watched folder came or went", preview.rebuild(), time.monotonic() - started)
                folders = preview.seen
            try:
                for changes in watchfiles.watch(*folders, debounce=300, step=30, stop_event=stop, raise_interrupt=True,
                                                rust_timeout=1000, yield_on_timeout=True):
                    if not changes:  # a quiet second: a watched folder moved away or back is not always an event
                        if preview.watched() == preview.seen:
                            continue
                        changes = {(None, str(folder)) for folder in folders}
                    started = time.monotonic()
                    names = sorted({Path(path).name for _, path in changes if Path(path).exists()}) or ["a file"]
                    report(f"rebuilt after {', '.join(names[:3])}{' ...' if len(names) > 3 else ''} changed",
                           preview.rebuild(), time.monotonic() - started)
                    if preview.seen != folders:
                        break  # a deck now extends another, a layouts folder appeared, a deck folder went: watch those
            except FileNotFoundError:
                # A watched folder went away under the watcher (a branch switched): say so on the
                # page, watch the folder above it, and rebuild when it is back.
                time.sleep(0.3)
                started = time.monotonic()
                report("rebuilt after a watched folder went away", preview.rebuild(), time.monotonic() - started)
    finally:
        stop.set()
        if serving:  # shutdown() waits for the serving loop: never for one that did not start
            server.shutdown()
        server.server_close()
        with preview.changed:
            preview.changed.notify_all()
