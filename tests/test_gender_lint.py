"""A term rule with a replacement but without articles: `rules validate` says the gender is needed
(issue 11: a reviewer's rule wrote 'Het werkruimte')."""

from click.testing import CliRunner

from stigmacheck.cli import main

RULE = """id: term.peeshok
category: term
severity: warning
status: concept
message: "'{text}': schrijf '{suggestion}'."
rationale: Een neutraal woord voor de kamer waar een sekswerker werkt.
sources: [Wetsvoorstel regulering sekswerk]
fix: safe
terms:
  - noun: peeshok
    replace: werkruimte
%s
examples:
  flag:
    - text: "Het peeshok is klein."
      suggestion: werkruimte
  pass:
    - "De werkruimte is klein."
"""


def validate(tmp_path, extra):
    d = tmp_path / "regels"
    d.mkdir()
    (d / "peeshok.yaml").write_text(RULE % extra, encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "validate", str(d)])
    assert "Traceback" not in result.output
    return result.output


def test_missing_gender_is_reported_with_a_hint(tmp_path):
    out = validate(tmp_path, "")
    assert "peeshok.yaml:10:" in out and "'peeshok' heeft een vervanging maar geen gender en replace_gender" in out
    assert "het werkruimte" in out


def test_with_both_articles_nothing_is_said(tmp_path):
    out = validate(tmp_path, "    gender: het\n    replace_gender: de")
    assert "gender" not in out


def test_with_both_articles_the_fix_changes_the_article(tmp_path):
    from stigmacheck.engine import Engine
    from stigmacheck.curation.evaluation import fixed_text
    from stigmacheck.ruleset.loader import load_ruleset

    d = tmp_path / "regels"
    d.mkdir()
    (d / "peeshok.yaml").write_text(RULE % "    gender: het\n    replace_gender: de", encoding="utf-8")
    engine = Engine(load_ruleset([d]))
    assert fixed_text(engine, "t.txt", "Het peeshok is klein.") == "De werkruimte is klein."
