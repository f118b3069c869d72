"""Ctrl-C during a build with workers: nothing half-made is left, and no worker prints a
traceback of its own (the build's process reports the interruption: exit status 130)."""
from __future__ import annotations

import os
import signal
import sys
import tempfile
from concurrent.futures.process import BrokenProcessPool

import pytest
from conftest import ROOT

import generator.pipeline as pipeline


def test_a_build_interrupted_as_its_workers_stop_leaves_nothing_staged(tmp_path, monkeypatch):
    """The files are written and checked, and Ctrl-C comes while the checking worker stops,
    before they are published: the staging folder goes too, and nothing is published."""
    staging = tmp_path / "temp"
    staging.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(staging))
    monkeypatch.setattr(pipeline, "checkers_for", lambda files, cores=None: 1)
    stop = pipeline.Workers.__exit__

    def interrupted(self, *exc):
        stop(self, *exc)
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline.Workers, "__exit__", interrupted)
    with pytest.raises(KeyboardInterrupt):
        pipeline.build([ROOT / "cards" / "system-leadership"], tmp_path / "out")
    assert list(staging.iterdir()) == []
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="Ctrl-C reaches Windows processes as a console event, not a signal sent to one")
def test_a_worker_interrupted_ends_at_once_without_a_traceback(capfd):
    with pipeline.Workers("spawn", 1) as workers:
        pid = workers.pool.submit(os.getpid).result(timeout=60)
        os.kill(pid, signal.SIGINT)  # as a terminal's Ctrl-C reaches it, while it waits for work
        with pytest.raises(BrokenProcessPool):
            workers.pool.submit(os.getpid).result(timeout=60)
    assert "Traceback" not in capfd.readouterr().err
