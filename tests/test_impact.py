"""`stigmacheck rules impact`: findings that appear, disappear or change between two rule sets,
with precision and recall before and after, on a small corpus built here."""

import shutil
import subprocess
import textwrap

import pytest
from click.testing import CliRunner

from conftest import proef_rule
from stigmacheck.cli import main
from stigmacheck.curation.evaluation import load_corpus
from stigmacheck.curation.impact import compute_impact, render_markdown
from stigmacheck.ruleset.loader import load_ruleset

RULE = proef_rule(source="Testbron", flag="Er staan drie proefwoorden in deze zin.", suggestion="testwoorden",
                  passing="Er staan drie testwoorden in deze zin.")
CORPUS = textwrap.dedent(
    """\
    genre: test
    passages:
      - id: p-1
        text: "Het proefwoord staat hier."
        expect:
          - {category: term, span: proefwoord, suggestion: testwoord}
      - id: p-2
        text: "Twee toetswoorden staan hier."
        expect:
          - {category: term, span: toetswoorden, suggestion: testwoorden}
      - id: p-3
        text: "Het toetsmoment is in juni."
      - id: p-4
        text: "Een losse zin zonder iets."
    """
)


def setup(tmp_path, new_rule):
    base = tmp_path / "basis"
    new = tmp_path / "nieuw"
    base.mkdir()
    new.mkdir()
    (base / "proef.yaml").write_text(RULE, encoding="utf-8")
    (new / "proef.yaml").write_text(new_rule, encoding="utf-8")
    corpus = tmp_path / "corpus.yaml"
    corpus.write_text(CORPUS, encoding="utf-8")
    return base, new, corpus


def impact_of(tmp_path, new_rule):
    base, new, corpus = setup(tmp_path, new_rule)
    b = load_ruleset([base], include_default=False)
    n = load_ruleset([new], include_default=False)
    return compute_impact(b, n, load_corpus([corpus]))


def test_added_term_appears_with_better_recall(tmp_path):
    added = RULE.replace("    replace: testwoord\n", "    replace: testwoord\n  - noun: toetswoord\n    replace: testwoord\n")
    imp = impact_of(tmp_path, added)
    assert [(c.kind, c.rule, c.source, c.after.text) for c in imp.changes] == [
        ("new", "term.proefwoord", "p-2", "toetswoorden")
    ]
    assert imp.changes[0].verdict.startswith("terecht")
    assert imp.modified == {"term.proefwoord": ["terms"]}
    before, after = imp.base_report.by_category()["term"], imp.new_report.by_category()["term"]
    assert (before.recall, after.recall) == (0.5, 1.0)
    assert (before.precision, after.precision) == (1.0, 1.0)


def test_false_positive_of_a_too_broad_term_is_named(tmp_path):
    broad = RULE.replace("    replace: testwoord\n", "    replace: testwoord\n  - noun: toets\n    replace: test\n")
    imp = impact_of(tmp_path, broad)
    new = {c.source: c for c in imp.changes if c.kind == "new"}
    assert new["p-3"].after.text == "toetsmoment" and new["p-3"].verdict == "vals positief volgens het corpus"
    assert imp.new_report.by_category()["term"].precision < 1.0


def test_changed_suggestion_and_severity(tmp_path):
    changed = RULE.replace("replace: testwoord", "replace: oefenwoord").replace("severity: warning", "severity: error")
    imp = impact_of(tmp_path, changed)
    (c,) = imp.changes
    assert c.kind == "changed" and c.source == "p-1"
    assert c.what == ["suggestie 'testwoord' -> 'oefenwoord'", "ernst warning -> error"]
    assert imp.new_report.by_rule()["term.proefwoord"].suggestion_accuracy == 0.0


def test_removed_rule_disappears_and_recall_drops(tmp_path):
    other = RULE.replace("term.proefwoord", "term.anderwoord").replace("noun: proefwoord", "noun: anderwoord")
    other = other.replace("drie proefwoorden", "drie anderwoorden")
    imp = impact_of(tmp_path, other)
    gone = [c for c in imp.changes if c.kind == "gone"]
    assert [(c.rule, c.source, c.verdict) for c in gone] == [("term.proefwoord", "p-1", "was terecht: wordt nu gemist")]
    assert imp.added == ["term.anderwoord"] and imp.removed == ["term.proefwoord"]
    assert imp.new_report.by_category()["term"].recall == 0.0


def test_renamed_rule_with_deprecated_old_id_is_no_change(tmp_path):
    renamed = RULE.replace("id: term.proefwoord", "id: term.proefwoord-nieuw")
    old = proef_rule("term.proefwoord", "status: vervallen\nreplaced_by: term.proefwoord-nieuw\n", "verouderd",
                     noun="oudwoord", replace=None, flag="Een oudwoord.", passing="Iets anders.")
    base, new, corpus = setup(tmp_path, renamed)
    (new / "oud.yaml").write_text(old, encoding="utf-8")
    imp = compute_impact(load_ruleset([base], include_default=False), load_ruleset([new], include_default=False),
                         load_corpus([corpus]))
    assert imp.changes == []


def test_markdown_is_a_pull_request_comment(tmp_path):
    added = RULE.replace("    replace: testwoord\n", "    replace: testwoord\n  - noun: toetswoord\n    replace: testwoord\n")
    md = render_markdown(impact_of(tmp_path, added))
    assert md.startswith("### stigmacheck: effect van deze regelwijziging")
    assert "| nieuw | 1 |" in md
    assert "| `term` | 100.0% | 100.0% |  | 50.0% | 100.0% | +50.0 | 1/0/1 → 2/0/0 |" in md
    assert "<details><summary>1 nieuwe melding(en)</summary>" in md
    assert "p-2: Twee [[toetswoorden]] staan hier." in md


def run(args):
    result = CliRunner().invoke(main, args)
    assert "Traceback" not in result.output, result.output
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def test_cli_with_base_rules_and_a_document(tmp_path):
    added = RULE.replace("    replace: testwoord\n", "    replace: testwoord\n  - noun: toetswoord\n    replace: testwoord\n")
    base, new, corpus = setup(tmp_path, added)
    doc = tmp_path / "brief.txt"
    doc.write_text("Beste lezer,\n\nDe toetswoorden zijn bijgewerkt.\n", encoding="utf-8")
    code, out = run(["rules", "impact", "--base-rules", str(base), "--new-rules", str(new), "--corpus", str(corpus), str(doc)])
    assert code == 0, out
    assert "gewijzigde regels: term.proefwoord (terms)" in out
    assert "meldingen: 2 nieuw, 0 verdwenen, 0 gewijzigd" in out
    assert f"[term.proefwoord] {doc}: Beste lezer, De [[toetswoorden]] zijn bijgewerkt." in out
    assert "term                                  100.0%  100.0%       50.0%  100.0%  1/0/1 -> 2/0/0" in out
    code, md = run(["rules", "impact", "--base-rules", str(base), "--new-rules", str(new), "--corpus", str(corpus),
                    "--format", "markdown"])
    assert code == 0 and "| `term.proefwoord` | 1 | 0 | 0 |" in md


def _git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_cli_with_git_base(tmp_path):
    repo = tmp_path / "repo"
    (repo / "rules").mkdir(parents=True)
    (repo / "rules" / "proef.yaml").write_text(RULE, encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", "rules")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "regels")
    edited = RULE.replace("replace: testwoord", "replace: oefenwoord")
    (repo / "rules" / "proef.yaml").write_text(edited, encoding="utf-8")
    corpus = tmp_path / "corpus.yaml"
    corpus.write_text(CORPUS, encoding="utf-8")
    code, out = run(["rules", "impact", "--base", "HEAD", "--new-rules", str(repo / "rules"), "--corpus", str(corpus)])
    assert code == 0, out
    assert "HEAD (voor)" in out and "meldingen: 0 nieuw, 0 verdwenen, 1 gewijzigd" in out
    assert "suggestie 'testwoord' -> 'oefenwoord'" in out
    code, out = run(["rules", "impact", "--base", "bestaat-niet", "--new-rules", str(repo / "rules"), "--corpus", str(corpus)])
    assert code == 2 and "kan de regels van 'bestaat-niet' niet ophalen" in out


def test_cli_errors_without_traceback(tmp_path):
    base, new, corpus = setup(tmp_path, RULE.replace("severity: warning", "severity: heel"))
    code, out = run(["rules", "impact", "--base-rules", str(base), "--new-rules", str(new), "--corpus", str(corpus)])
    assert code == 2 and "proef.yaml:3: fout (severity): ongeldige waarde 'heel'" in out
    code, out = run(["rules", "impact", "--new-rules", str(new), "--corpus", str(corpus)])
    assert code == 2 and "--base" in out
    bad = tmp_path / "kapot.yaml"
    bad.write_text("genre: x\npassages: [{id: a}]\n", encoding="utf-8")
    code, out = run(["rules", "impact", "--base-rules", str(base), "--new-rules", str(base), "--corpus", str(bad)])
    assert code == 2 and "ongeldig corpus" in out and "kapot.yaml" in out
