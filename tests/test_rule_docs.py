"""The committed rule reference in docs/regels/ must match what `stigmacheck rules docs` makes now."""


from click.testing import CliRunner

from stigmacheck.cli import main
from stigmacheck.curation.docs import MARKER, render_all
from stigmacheck.ruleset.loader import default_rules_dir, load_ruleset

from conftest import proef_rule, ROOT

COMMITTED = ROOT / "docs" / "regels"
REGENERATE = "run `stigmacheck rules docs docs/regels` (PYTHONPATH=src python -m stigmacheck rules docs docs/regels) and commit"


def test_committed_rule_docs_are_up_to_date(tmp_path):
    result = CliRunner().invoke(main, ["rules", "docs", str(tmp_path)])
    assert result.exit_code == 0, result.output
    fresh = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.glob("*.md")}
    committed = {p.name: p.read_text(encoding="utf-8") for p in COMMITTED.glob("*.md")} if COMMITTED.is_dir() else {}
    missing = sorted(set(fresh) - set(committed))
    stale = sorted(set(committed) - set(fresh))
    differ = sorted(n for n in set(fresh) & set(committed) if fresh[n] != committed[n])
    assert not (missing or stale or differ), (
        f"docs/regels/ is out of date (missing: {missing}, no longer generated: {stale}, different: {differ}); {REGENERATE}"
    )


def test_generation_is_deterministic():
    ruleset = load_ruleset()
    roots = [(default_rules_dir(), "rules")]
    assert render_all(ruleset, roots) == render_all(load_ruleset(), roots)


def test_every_rule_is_documented_with_its_examples():
    ruleset = load_ruleset()
    pages = render_all(ruleset, [(default_rules_dir(), "rules")])
    for rule in ruleset.rules:
        assert f"[{rule.id}]({rule.category}.md#" in pages["index.md"], rule.id
        page = pages[f"{rule.category}.md"]
        assert f"## {rule.id}\n" in page, rule.id
        for ex in rule.flag_examples:
            assert " ".join(ex.text.split()).replace("|", "\\|") in page, (rule.id, ex.text)


def test_field_reference_follows_the_schema():
    pages = render_all(load_ruleset(), [(default_rules_dir(), "rules")])
    fields = pages["velden.md"]
    assert "| `examples.flag[].suggestion` |" in fields and "| `terms[].noun` |" in fields
    assert "| `status` | tekst |  | concept, vastgesteld, vervallen |" in fields


def test_stale_generated_pages_are_removed_and_others_kept(tmp_path):
    (tmp_path / "oud.md").write_text(MARKER + "\n# oud\n", encoding="utf-8")
    (tmp_path / "eigen.md").write_text("# met de hand\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "docs", str(tmp_path)])
    assert result.exit_code == 0
    assert not (tmp_path / "oud.md").exists() and (tmp_path / "eigen.md").exists()
    assert "verwijderd:" in result.output


def test_concept_and_deprecated_rules_show_their_lifecycle(tmp_path):
    rules = tmp_path / "regels"
    rules.mkdir()
    base = proef_rule("term.proef-nieuw", extra="status: concept\n", message="'{text}': schrijf '{suggestion}'.",
                      source="Testbron")
    old = (base.replace("term.proef-nieuw", "term.proef-oud").replace("status: concept", "status: vervallen\nreplaced_by: term.proef-nieuw")
           .replace("proefwoord", "oudwoord"))
    (rules / "nieuw.yaml").write_text(base, encoding="utf-8")
    (rules / "oud.yaml").write_text(old, encoding="utf-8")
    ruleset = load_ruleset([rules], include_default=False)
    pages = render_all(ruleset, [(rules, "regels")])
    assert "| [term.proef-oud](term.md#termproef-oud) | term | waarschuwing | vervallen → `term.proef-nieuw` |" in pages["index.md"]
    assert "| Vervangen door | [term.proef-nieuw](#termproef-nieuw) |" in pages["term.md"]
    assert "| Status | concept (nog niet vastgesteld) |" in pages["term.md"]
    assert "| Bestand | `regels/oud.yaml` |" in pages["term.md"]
