"""The web interface (`reportqa serve`): ask, search, sources, exports, and a JSON API.

``build_app(qa)`` lays out the page (the filter panel, then one module per tab:
``ui.ask_tab``, ``ui.search_tab``, ``ui.grades.tab``) and wires it to :class:`ui.actions.Actions`;
``start`` launches it locally with the file-serving locked down; ``serve`` is
what the CLI calls. The named endpoints ``/ask`` and ``/search`` return the same
JSON as ``reportqa ask --json`` and ``reportqa search --json``.
"""

from __future__ import annotations

import os

# Before gradio is imported: no analytics, no model hub, no telemetry.
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"

import atexit  # noqa: E402
import logging  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402

# The app's own temp folder: Gradio's file cache (the only files it serves) and the exports.
APP_DIR = Path(tempfile.mkdtemp(prefix="reportqa-ui-"))
atexit.register(shutil.rmtree, APP_DIR, ignore_errors=True)
os.environ.setdefault("GRADIO_TEMP_DIR", str(APP_DIR / "gradio"))

import gradio as gr  # noqa: E402
from starlette.middleware import Middleware  # noqa: E402

from index.errors import ConfigError  # noqa: E402
from ui import render  # noqa: E402
from ui.actions import Actions, api_functions  # noqa: E402
from ui.ask_tab import ask_outputs, ask_tab, wire_ask  # noqa: E402
from ui.check.tab import check_tab, wire_check  # noqa: E402
from ui.exports import ExportDir  # noqa: E402
from ui.filter_panel import filter_panel, wire_filters  # noqa: E402
from ui.grades.tab import grades_tab, wire_grades  # noqa: E402
from ui.refresh import wire_refresh  # noqa: E402
from ui.search_tab import search_tab, wire_search  # noqa: E402
from ui.serving import LocalFilesOnly  # noqa: E402
from ui.settings import DEFAULTS  # noqa: E402
from ui.style import CSS  # noqa: E402
from ui.validate import parse_auth  # noqa: E402
from ui.widgets import friendly  # noqa: E402

if TYPE_CHECKING:
    from retrieval.service import ReportQA

__all__ = ["APP_DIR", "ask_outputs", "build_app", "serve", "start"]
log = logging.getLogger(__name__)
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
THEME = gr.themes.Default(font=["system-ui", "sans-serif"], font_mono=["monospace"])


def build_app(qa: ReportQA, max_question_chars: int = DEFAULTS.max_question_chars) -> gr.Blocks:
    """The whole page over one ReportQA, plus the ``ask`` and ``search`` API endpoints."""
    actions = Actions(qa, ExportDir(APP_DIR / "gradio" / "exports"), max_question_chars)
    info = qa.info()
    with gr.Blocks(title="reportqa", analytics_enabled=False, delete_cache=(3600, 86400)) as demo:
        gr.HTML(
            "<h1>reportqa</h1><p>Search and cited answers over police inspectorate "
            "(HMICFRS) reports. Every answer quotes the reports verbatim.</p>",
            js_on_load=None,
        )
        status = gr.HTML(render.status_html(info), js_on_load=None, elem_id="rq-status")
        panel = filter_panel(info["forces"], info["years"])
        with gr.Tabs():
            with gr.Tab("Ask"):
                ask = ask_tab(max_question_chars)
            with gr.Tab("Search"):
                search = search_tab(max_question_chars)
            grades = grades_tab(qa.grades())
            check = check_tab()
        api_ask, api_search = api_functions(actions)  # first, so they own these names
        gr.api(friendly(api_ask), api_name="ask")
        gr.api(friendly(api_search), api_name="search")
        wire_filters(actions, panel, ask.question, ask.read)
        wire_ask(actions, panel, ask)
        wire_search(actions, panel, search)
        wire_grades(qa.current_grades, qa.facts, qa.document_text, actions.exports, grades)
        wire_check(qa, actions.exports, panel, check)
        wire_refresh(demo, qa, status, panel, grades)
    return demo


# --- serving -------------------------------------------------------------------


def start(
    demo: gr.Blocks,
    qa: ReportQA,
    *,
    host: str = DEFAULTS.host,
    port: int | None = DEFAULTS.port,
    auth: tuple[str, str] | None = None,
    concurrency: int = DEFAULTS.concurrency,
) -> str:
    """Launch without blocking; returns the local URL. Serves no file outside the app's cache."""
    if concurrency < 1:
        raise ConfigError(f"--concurrency must be at least 1, not {concurrency}")
    os.environ.pop("GRADIO_ALLOWED_PATHS", None)  # nothing extra is ever served
    demo.queue(default_concurrency_limit=concurrency, max_size=64)
    _, url, _ = demo.launch(
        server_name=host,
        server_port=port,
        share=False,
        auth=auth,
        auth_message="reportqa: log in to search the reports.",
        prevent_thread_lock=True,
        quiet=True,
        show_error=False,
        inbrowser=False,
        allowed_paths=[],
        blocked_paths=[str(qa.settings.index_dir.resolve())],
        max_file_size="1mb",
        enable_monitoring=False,
        mcp_server=False,
        ssr_mode=False,
        pwa=False,
        run_history=False,
        footer_links=["api", "settings"],
        app_kwargs={"middleware": [Middleware(LocalFilesOnly)]},
        theme=THEME,
        css=CSS,
    )
    return url


def serve(
    qa: ReportQA,
    *,
    host: str = DEFAULTS.host,
    port: int = DEFAULTS.port,
    auth: str | None = None,
    concurrency: int = DEFAULTS.concurrency,
    max_question_chars: int = DEFAULTS.max_question_chars,
) -> None:
    """Serve the UI until interrupted. Binds 127.0.0.1 unless told otherwise."""
    credentials = parse_auth(auth)
    if host not in LOOPBACK and credentials is None:
        log.warning("serving on %s without --auth: anyone who can reach it can use it", host)
    demo = build_app(qa, max_question_chars)
    url = start(demo, qa, host=host, port=port, auth=credentials, concurrency=concurrency)
    print(f"reportqa: serving {url} (Ctrl+C to stop)", file=sys.stderr, flush=True)
    try:
        while demo.is_running:
            time.sleep(0.5)
    except KeyboardInterrupt:
        print("reportqa: stopping", file=sys.stderr)
    finally:
        demo.close(verbose=False)
