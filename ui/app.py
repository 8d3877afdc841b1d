"""The web interface (`reportqa serve`): ask, search, sources, exports, and a JSON API.

``build_app(qa)`` lays out the page and wires it to :class:`ui.actions.Actions`;
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
import functools  # noqa: E402
import logging  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from html import escape  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING, Any, TypeVar  # noqa: E402

# The app's own temp folder: Gradio's file cache (the only files it serves) and the exports.
APP_DIR = Path(tempfile.mkdtemp(prefix="reportqa-ui-"))
atexit.register(shutil.rmtree, APP_DIR, ignore_errors=True)
os.environ.setdefault("GRADIO_TEMP_DIR", str(APP_DIR / "gradio"))

import gradio as gr  # noqa: E402
from starlette.middleware import Middleware  # noqa: E402

from index.errors import ConfigError, ReportQAError  # noqa: E402
from index.metadata import REPORT_TYPES  # noqa: E402
from ui import render  # noqa: E402
from ui.actions import MAX_K, Actions, AskView, api_functions  # noqa: E402
from ui.exports import ExportDir  # noqa: E402
from ui.serving import LocalFilesOnly  # noqa: E402
from ui.validate import parse_auth  # noqa: E402

if TYPE_CHECKING:
    from retrieval.service import ReportQA

log = logging.getLogger(__name__)
F = TypeVar("F", bound=Callable[..., Any])

EXAMPLES = [
    "Which forces lack specialist detectives?",
    "What did the inspectorate find about custody healthcare in Lincolnshire?",
    "How did Kent's crime recording change between 2017 and 2019?",
    "What are the main concerns about vetting and misconduct?",
]
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
THEME = gr.themes.Default(font=["system-ui", "sans-serif"], font_mono=["monospace"])


# --- errors --------------------------------------------------------------------


def friendly(fn: F, *, notice: Callable[[str], Any] | None = None) -> F:
    """Errors become a short message for the user; unexpected ones are logged in full.

    With ``notice`` (page handlers), a refused request shows a warning and
    ``notice(message)`` becomes the outputs; without it (API endpoints), it
    raises ``gr.Error`` with the plain message.
    """

    @functools.wraps(fn)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except gr.Error:
            raise
        except ReportQAError as exc:
            log.info("refused request: %s", exc)
            if notice is None:
                raise gr.Error(str(exc), print_exception=False) from None
            gr.Warning(escape(str(exc)))
            return notice(str(exc))
        except Exception:
            log.exception("unexpected error in %s", fn.__name__)
            raise gr.Error(
                "Something went wrong on the server; the details are in its log.",
                print_exception=False,
            ) from None

    return guarded  # type: ignore[return-value]


# --- layout --------------------------------------------------------------------


@dataclass
class FilterPanel:
    forces: gr.Dropdown
    report_types: gr.Dropdown
    year_from: gr.Dropdown
    year_to: gr.Dropdown
    pinned: gr.State  # True once the user edits a filter: the question stops overwriting them
    reset: gr.Button

    @property
    def fields(self) -> list[Any]:
        return [self.forces, self.report_types, self.year_from, self.year_to]


@dataclass
class AskTab:
    question: gr.Textbox
    submit: gr.Button
    applied: gr.HTML
    answer: gr.HTML
    plot: gr.ScatterPlot
    sources: gr.HTML
    references: gr.Textbox
    markdown: gr.DownloadButton
    csv: gr.DownloadButton

    @property
    def outputs(self) -> list[Any]:
        return [
            self.applied, self.answer, self.plot, self.sources, self.references,
            self.markdown, self.csv,
        ]


@dataclass
class SearchTab:
    query: gr.Textbox
    k: gr.Slider
    submit: gr.Button
    applied: gr.HTML
    results: gr.HTML


def filter_panel(forces: list[str], years: list[int]) -> FilterPanel:
    title = "Filters (filled in from the question; edit to override)"
    with gr.Accordion(title, open=True), gr.Row(equal_height=True):
        force = gr.Dropdown(
            forces, value=[], multiselect=True, label="Forces", scale=3, elem_id="rq-forces"
        )
        types = gr.Dropdown(
            list(REPORT_TYPES), value=[], multiselect=True, label="Report types", scale=3,
            elem_id="rq-types",
        )
        since = year_field("Year from", years, "rq-year-from")
        until = year_field("Year to", years, "rq-year-to")
        reset = gr.Button("Follow the question", size="sm", scale=1)
    return FilterPanel(force, types, since, until, gr.State(False), reset)


def year_field(label: str, years: list[int], elem_id: str) -> gr.Dropdown:
    """A year picked from the index's years or typed (blank: no bound)."""
    return gr.Dropdown(
        [str(y) for y in years], value=None, label=label, allow_custom_value=True,
        elem_id=elem_id, min_width=130, scale=1,
    )


def ask_tab(max_chars: int) -> AskTab:
    with gr.Row(equal_height=True):
        question = gr.Textbox(
            label="Question", placeholder="e.g. Which forces lack specialist detectives?",
            max_length=max_chars, scale=5, autofocus=True, elem_id="rq-question",
        )
        submit = gr.Button("Ask", variant="primary", scale=1, elem_id="rq-ask")
    gr.Examples(EXAMPLES, inputs=[question], label="Examples", api_visibility="private")
    applied = gr.HTML(elem_id="rq-applied", js_on_load=None)
    with gr.Row():
        with gr.Column(scale=3):
            answer = gr.HTML(elem_id="rq-answer", js_on_load=None)
            plot = gr.ScatterPlot(
                x="Date", y="Grade", color="Force", x_title="Report date", visible=False,
                height=300, elem_id="rq-trend", show_label=False,
            )
            with gr.Row():
                markdown = gr.DownloadButton("Download Markdown", visible=False, size="sm")
                csv = gr.DownloadButton("Download CSV", visible=False, size="sm")
        with gr.Column(scale=2):
            gr.HTML("<h3>Sources</h3>", js_on_load=None)
            sources = gr.HTML(elem_id="rq-sources", js_on_load=render.COPY_JS)
            references = gr.Textbox(
                label="All citations, briefing style", lines=3, buttons=["copy"],
                interactive=False, visible=False,
            )
    return AskTab(question, submit, applied, answer, plot, sources, references, markdown, csv)


def search_tab(max_chars: int) -> SearchTab:
    with gr.Row(equal_height=True):
        query = gr.Textbox(
            label="Search the reports", placeholder="e.g. custody healthcare",
            max_length=max_chars, scale=5, elem_id="rq-query",
        )
        k = gr.Slider(1, MAX_K, value=10, step=1, label="Passages", scale=1, min_width=220)
        submit = gr.Button("Search", variant="primary", scale=1)
    applied = gr.HTML(js_on_load=None)
    results = gr.HTML(elem_id="rq-results", js_on_load=None)
    return SearchTab(query, k, submit, applied, results)


# --- events --------------------------------------------------------------------

QUIET: dict[str, Any] = {"queue": False, "show_progress": "hidden", "api_visibility": "private"}


def question_filters(actions: Actions) -> Callable[[str, bool], tuple[Any, ...]]:
    """The filter fields' new values for a question (unchanged once the user pinned them)."""

    def follow(text: str, pinned: bool) -> tuple[Any, ...]:
        if pinned:
            return (gr.skip(),) * 4
        inferred = actions.prefill(text)
        since, until = (str(y) if y is not None else None for y in (inferred.since, inferred.until))
        return list(inferred.forces), list(inferred.report_types), since, until

    return friendly(follow, notice=lambda message: (gr.skip(),) * 4)


def wire_filters(follow: Callable[..., tuple[Any, ...]], panel: FilterPanel, question: Any) -> None:
    """The question fills the filters until the user edits one; the button re-follows."""

    def unpin(text: str) -> tuple[Any, ...]:
        return (*follow(text, False), False)

    question.change(follow, [question, panel.pinned], panel.fields, **QUIET)
    for field in panel.fields:
        field.input(lambda: True, None, panel.pinned, **QUIET)
    panel.reset.click(unpin, [question], [*panel.fields, panel.pinned], **QUIET)


def ask_notice(message: str) -> tuple[Any, ...]:
    """The Ask tab's outputs when a request is refused: the message, nothing else."""
    hidden = gr.update(value=None, visible=False)
    return "", render.notice_html(message), hidden, "", hidden, hidden, hidden


def ask_outputs(view: AskView) -> tuple[Any, ...]:
    return (
        view.filters, view.body, chart_update(view.chart), view.sources,
        gr.update(value=view.references, visible=bool(view.references)),
        gr.update(value=view.markdown, visible=view.markdown is not None),
        gr.update(value=view.csv, visible=view.csv is not None),
    )


def chart_update(chart: render.TrendChart | None) -> dict[str, Any]:
    """The trend plot shows a trend answer's grades or figures, and hides for anything else."""
    if chart is None:
        return gr.update(value=None, visible=False)
    return gr.update(
        value=chart.frame, y=chart.y, y_title=chart.y_title, title=chart.title,
        caption=chart.caption, x_lim=chart.x_lim, y_lim=chart.y_lim, tooltip=chart.tooltip,
        visible=True,
    )


def wire_ask(
    actions: Actions, follow: Callable[..., tuple[Any, ...]], panel: FilterPanel, tab: AskTab
) -> None:
    """Submitting first brings the filters up to date with the question, then answers."""

    def show_answer(*args: Any, progress: gr.Progress = gr.Progress()) -> tuple[Any, ...]:  # noqa: B008
        progress(0.05, desc="Searching the reports…")
        return ask_outputs(actions.ask_view(*args))

    inputs = [tab.question, *panel.fields]
    for trigger in (tab.question.submit, tab.submit.click):
        trigger(follow, [tab.question, panel.pinned], panel.fields, **QUIET).then(
            friendly(show_answer, notice=ask_notice), inputs, tab.outputs,
            api_visibility="private",
        )


def wire_search(actions: Actions, panel: FilterPanel, tab: SearchTab) -> None:
    def show_passages(*args: Any) -> tuple[str, str]:
        view = actions.search_view(*args)
        return view.filters, view.body

    inputs = [tab.query, tab.k, *panel.fields]
    for trigger in (tab.query.submit, tab.submit.click):
        trigger(
            friendly(show_passages, notice=lambda message: ("", render.notice_html(message))),
            inputs, [tab.applied, tab.results], api_visibility="private",
        )


def build_app(qa: ReportQA, max_question_chars: int = 500) -> gr.Blocks:
    """The whole page over one ReportQA, plus the ``ask`` and ``search`` API endpoints."""
    actions = Actions(qa, ExportDir(APP_DIR / "gradio" / "exports"), max_question_chars)
    info = qa.info()
    with gr.Blocks(title="reportqa", analytics_enabled=False, delete_cache=(3600, 86400)) as demo:
        gr.HTML(
            "<h1>reportqa</h1><p>Search and cited answers over police inspectorate "
            "(HMICFRS) reports. Every answer quotes the reports verbatim.</p>"
            + render.status_html(info),
            js_on_load=None,
        )
        panel = filter_panel(info["forces"], info["years"])
        with gr.Tabs():
            with gr.Tab("Ask"):
                ask = ask_tab(max_question_chars)
            with gr.Tab("Search"):
                search = search_tab(max_question_chars)
        api_ask, api_search = api_functions(actions)  # first, so they own these names
        gr.api(friendly(api_ask), api_name="ask")
        gr.api(friendly(api_search), api_name="search")
        follow = question_filters(actions)
        wire_filters(follow, panel, ask.question)
        wire_ask(actions, follow, panel, ask)
        wire_search(actions, panel, search)
    return demo


# --- serving -------------------------------------------------------------------


def start(
    demo: gr.Blocks,
    qa: ReportQA,
    *,
    host: str = "127.0.0.1",
    port: int | None = 7860,
    auth: tuple[str, str] | None = None,
    concurrency: int = 2,
) -> str:
    """Launch without blocking; returns the local URL. Serves no file outside the app's cache."""
    if concurrency < 1:
        raise ConfigError(f"--concurrency must be at least 1, not {concurrency}")
    os.environ.pop("GRADIO_ALLOWED_PATHS", None)  # nothing extra is ever served
    demo.queue(default_concurrency_limit=concurrency, max_size=64)
    _, url, _ = demo.launch(
        server_name=host, server_port=port, share=False, auth=auth,
        auth_message="reportqa: log in to search the reports.",
        prevent_thread_lock=True, quiet=True, show_error=False, inbrowser=False,
        allowed_paths=[], blocked_paths=[str(qa.settings.index_dir.resolve())],
        max_file_size="1mb", enable_monitoring=False, mcp_server=False, ssr_mode=False,
        pwa=False, run_history=False, footer_links=["api", "settings"],
        app_kwargs={"middleware": [Middleware(LocalFilesOnly)]},
        theme=THEME, css=render.CSS,
    )
    return url


def serve(
    qa: ReportQA,
    *,
    host: str = "127.0.0.1",
    port: int = 7860,
    auth: str | None = None,
    concurrency: int = 2,
    max_question_chars: int = 500,
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
