"""The house rules of issue 12: one Fix read by every door, one in-memory entry point, each file
decoded once, no import cycles, small modules, an explicit checker contract."""

import ast
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from stigmacheck.api import Linter, SetupError
from stigmacheck.cli import main

SRC = Path(__file__).resolve().parent.parent / "src" / "stigmacheck"
PAGE = (
    "In het centrum is raamprostitutie verboden.\n"
    "Zij bestrijden de raamprostitutie en helpen prostituees.\n"
    "Het hoertje lacht. Een pooier kwam langs.\n"
)


@pytest.fixture(scope="module")
def linter():
    return Linter.create()


def test_check_text_gives_findings_with_their_fix(linter):
    result = linter.check_text("Zij bestrijden de raamprostitutie.", name="concept.txt")
    (f,) = result.findings
    assert f.text == "raamprostitutie" and f.fixable
    assert [(e.old, e.new) for e in f.fix.edits] == [("de", "het"), ("prostitutie", "sekswerk")]  # minimal edits
    assert f.fix.apply(result.document.source) == "Zij bestrijden het raamsekswerk."


def test_fix_text_and_unsafe_reasons(linter):
    assert linter.fix_text("Zij bestrijden de raamprostitutie.") == "Zij bestrijden het raamsekswerk."
    result = linter.check_text("Een pooier kwam langs.")
    (f,) = result.findings
    assert f.fix is None and not f.fixable  # no fixed wording: facts decide


def test_in_memory_html_and_markdown(linter):
    html = linter.fix_text("<p>De prostituees &amp; hun klanten.</p>", name="p.html")
    assert html == "<p>De sekswerkers &amp; hun klanten.</p>"
    md = linter.check_text("# Titel\n\nDe prostituees wachten.\n", fmt="markdown")
    assert [f.text for f in md.findings] == ["prostituees"]


def test_setup_errors_are_dutch():
    with pytest.raises(SetupError, match="onbekende regel of categorie: term.bestaat-niet"):
        Linter.create(select=["term.bestaat-niet"])
    with pytest.raises(ValueError, match="onbekend formaat"):
        Linter.create().check_text("x", fmt="pdf")


def _decode_counter(monkeypatch):
    import importlib

    calls = []
    real = importlib.import_module("stigmacheck.documents.decode").decode_info

    def counting(data, limits=None):
        calls.append(len(data))
        return real(data, limits)

    for module in ("stigmacheck.documents", "stigmacheck.documents.decode", "stigmacheck.running.files"):
        monkeypatch.setattr(f"{module}.decode_info", counting, raising=False)
    return calls


@pytest.mark.parametrize("command", ["check", "fix", "diff"])
def test_every_path_decodes_a_file_once(tmp_path, monkeypatch, command):
    page = tmp_path / "pagina.md"
    page.write_text(PAGE, encoding="utf-8")
    calls = _decode_counter(monkeypatch)
    args = {"check": ["check", "--jobs", "1"], "fix": ["fix"], "diff": ["fix", "--diff"]}[command]
    result = CliRunner().invoke(main, [*args, str(page)])
    assert result.exit_code in (0, 1), result.output
    assert calls == [len(PAGE.encode("utf-8"))]


def _apply_json_edits(source: str, findings) -> str:
    edits = sorted((e for f in findings if f["fixable"] for e in f["fix"]["edits"]), key=lambda e: -e["offset"])
    for e in edits:
        assert source[e["offset"]:e["end_offset"]] == e["text"]
        source = source[:e["offset"]] + e["replacement"] + source[e["end_offset"]:]
    return source


def _apply_sarif(source: str, results) -> str:
    replacements = [r for res in results for fix in res.get("fixes", ()) for ch in fix["artifactChanges"]
                    for r in ch["replacements"]]
    for r in sorted(replacements, key=lambda r: -r["deletedRegion"]["charOffset"]):
        at, n = r["deletedRegion"]["charOffset"], r["deletedRegion"]["charLength"]
        source = source[:at] + r["insertedContent"]["text"] + source[at + n:]
    return source


@pytest.mark.parametrize("name, body", [
    ("brief.txt", PAGE),
    ("pagina.md", "# Beleid\n\n" + PAGE),
    ("pagina.html", "<p>" + PAGE.replace("\n", "</p>\n<p>") + "</p>"),
])
def test_report_edits_give_exactly_what_fix_writes(tmp_path, name, body):
    page = tmp_path / name
    page.write_text(body, encoding="utf-8")
    as_json = json.loads(CliRunner().invoke(main, ["check", "--format", "json", str(page)]).output)
    as_sarif = json.loads(CliRunner().invoke(main, ["check", "--format", "sarif", str(page)]).output)
    assert CliRunner().invoke(main, ["fix", str(page)]).exit_code in (0, 1)
    fixed = page.read_text(encoding="utf-8")
    assert fixed != body and "het raamsekswerk" in fixed and "De sekswerker lacht" in fixed
    assert _apply_json_edits(body, as_json["files"][0]["findings"]) == fixed
    assert _apply_sarif(body, as_sarif["runs"][0]["results"]) == fixed


# ------------------------------------------------------------------------------ the layout itself


def _modules():
    for path in sorted(SRC.rglob("*.py")):
        name = ".".join(path.relative_to(SRC.parent).with_suffix("").parts)
        yield name.removesuffix(".__init__"), path


def test_no_module_over_450_lines():
    long = {name: n for name, path in _modules() if (n := len(path.read_text(encoding="utf-8").splitlines())) > 450}
    assert not long


def test_no_import_cycles():
    """Module-level imports only (imports inside functions are deferred on purpose)."""
    modules = dict(_modules())
    graph = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        deps = set()
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("stigmacheck"):
                deps.add(node.module)
                deps |= {f"{node.module}.{a.name}" for a in node.names if f"{node.module}.{a.name}" in modules}
            elif isinstance(node, ast.Import):
                deps |= {a.name for a in node.names if a.name.startswith("stigmacheck")}
        graph[name] = {d for d in deps if d in modules and d != name}
    state = {}

    def visit(n, trail):
        state[n] = "open"
        for d in graph[n]:
            if state.get(d) == "open":
                pytest.fail("import cycle: " + " -> ".join(trail[trail.index(d):] + [d]) if d in trail else d)
            if d not in state:
                visit(d, trail + [d])
        state[n] = "done"

    for n in graph:
        if n not in state:
            visit(n, [n])


def test_checker_attributes_are_read_not_probed():
    probe = re.compile(r"getattr\([^,]+,\s*\"(scope|block_kinds|needs_nlp|nlp_needs|gate_window|describe|check_concepts)\"")
    hits = [f"{name}: {m.group(0)}" for name, path in _modules() for m in probe.finditer(path.read_text(encoding="utf-8"))]
    assert not hits


def test_every_kind_implements_the_checker_contract(ruleset):
    from stigmacheck.checks import KINDS
    from stigmacheck.checks.base import BaseChecker, Checker

    assert set(KINDS) == {"term", "conflation", "framing", "imagery", "balance"}
    for checker in ruleset.checkers:
        assert isinstance(checker, BaseChecker) and isinstance(checker, Checker)
