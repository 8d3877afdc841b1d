"""`reportqa fetch` killed with SIGKILL in the middle of a download, then run again:
nothing lost, nothing fetched twice, no half-written file left."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fixtures_fetch import EXPECTED_FILES, LISTING, MAX_MB, PDF, FixtureServer, site_routes

from index.fetch.state import STATE_NAME
from index.loaders.sidecar import read_sidecar

pytestmark = [pytest.mark.network, pytest.mark.slow]
ROOT = Path(__file__).resolve().parent.parent
TRICKLE = 0.3  # each document pauses this long halfway through its body


def command(site: FixtureServer, out: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "ui.cli",
        "fetch",
        "--listing",
        site.url(LISTING),
        "--pdf",
        "--out",
        str(out),
        "--delay",
        "0.01",
        "--backoff",
        "0.05",
        "--retries",
        "1",
        "--max-mb",
        str(MAX_MB),
        "--json",
    ]


def settled(out: Path) -> dict[str, str]:
    """URL -> kind of what the state file holds as done in its latest run."""
    path = out / STATE_NAME
    if not path.exists():
        return {}
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        run = db.execute("SELECT max(id) FROM runs").fetchone()[0]
        rows = db.execute("SELECT url, kind FROM urls WHERE checked_run = ?", (run,))
        return dict(rows.fetchall())
    except sqlite3.OperationalError:  # tables not made yet
        return {}
    finally:
        db.close()


def parts(out: Path) -> list[Path]:
    return list(out.glob(".fetch-*.part"))


def kill_mid_download(process: subprocess.Popen, out: Path, documents: int) -> None:
    """SIGKILL once ``documents`` documents are done and another is half-written."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        done = [kind for kind in settled(out).values() if kind != "listing"]
        if len(done) >= documents and parts(out):
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
            return
        time.sleep(0.01)
    process.kill()
    raise AssertionError(f"the fetch ended before it could be killed: {process.communicate()}")


def test_a_run_killed_mid_download_resumes_without_loss_or_refetching(tmp_path):
    out = tmp_path / "reports"
    with FixtureServer() as site:
        site.routes = site_routes("http://localhost:9")
        for route in site.routes.values():
            if route.status == 200 and route.body and route.content_type != "text/plain":
                route.trickle = TRICKLE
        process = subprocess.Popen(
            command(site, out), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        kill_mid_download(process, out, documents=3)
        assert process.returncode == -signal.SIGKILL
        assert parts(out), "killed between downloads, not during one"

        done_before = settled(out)
        hits_before = len(site.hits)
        rows = read_sidecar(out)  # the sidecar a killed run leaves is whole
        assert rows and all(
            (out / name).read_bytes() == site.routes[EXPECTED_FILES[name]].body for name in rows
        )

        rerun = subprocess.run(
            command(site, out), cwd=ROOT, capture_output=True, text=True, timeout=300
        )
        assert rerun.returncode == 0, rerun.stderr[-2000:]
        result = json.loads(rerun.stdout)["fetch"]

    assert result["resumed"] is True
    assert result["settled_earlier"] >= len(done_before)
    again = {h.path for h in site.hits[hits_before:]}
    assert not {site.url(path) for path in again} & set(done_before)  # not asked again

    assert {p.name for p in out.iterdir() if not p.name.startswith(".")} == {
        *EXPECTED_FILES,
        "metadata.csv",
    }
    assert parts(out) == []
    for name, path in EXPECTED_FILES.items():
        assert (out / name).read_bytes() == site.routes[path].body, name
        sent = site.count(path, 200)
        assert sent == 1 or (sent == 2 and site.url(path) not in done_before), (name, sent)
    cut_off = [p for p in EXPECTED_FILES.values() if site.count(p, 200) == 2]
    assert len(cut_off) <= 1  # only the download in flight was asked for twice
    assert set(read_sidecar(out)) == set(EXPECTED_FILES)
    pdf_rows = [row for row in read_sidecar(out).values() if row["content_type"] == PDF]
    assert len(pdf_rows) == 2


def test_a_second_fetch_into_the_same_folder_is_refused_while_one_runs(tmp_path):
    from index.fetch.state import FetchBusyError, FetchState

    holder = FetchState(tmp_path)
    try:
        with pytest.raises(FetchBusyError, match="another `reportqa fetch` is writing"):
            FetchState(tmp_path)
    finally:
        holder.close()
    FetchState(tmp_path).close()  # free again once the first is done
    assert os.listdir(tmp_path)
