"""`stigmacheck rules list|show|validate|test|docs` on the shipped rules and on deliberately broken
folders: messages name file and line, carry a hint, and never show a traceback."""

import json

import pytest
from click.testing import CliRunner

from conftest import proef_rule
from stigmacheck.cli import main

GOOD = proef_rule(
    extra="status: vastgesteld\nreviewed_by: SWAD-reviewgroep\nreviewed_on: 2026-01-15\nsummary: proefwoord -> testwoord\n",
    source="Testbron", flag="Er staan drie proefwoorden in deze zin.", suggestion="testwoorden",
    passing="Er staan drie testwoorden in deze zin.",
)


def run(args, input=None):
    result = CliRunner().invoke(main, args, input=input)
    assert "Traceback" not in result.output, result.output
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def folder(tmp_path, files, name="regels"):
    d = tmp_path / name
    d.mkdir()
    for file, text in files.items():
        (d / file).write_text(text, encoding="utf-8")
    return d


# --------------------------------------------------------------------------- list


def test_list_shows_id_category_severity_status_and_summary():
    code, out = run(["rules", "list"])
    assert code == 0
    line = next(ln for ln in out.splitlines() if ln.startswith("term.prostituee "))
    assert line.split()[1:4] == ["term", "warning", "concept"]  # no shipped rule claims approval yet
    assert "sekswerker" in line


def test_list_filters_and_extra_folders(tmp_path):
    concept = GOOD.replace("status: vastgesteld", "status: concept")
    d = folder(tmp_path, {"proef.yaml": concept})
    code, out = run(["rules", "list", "--rules", str(d), "--status", "concept"])
    assert code == 0
    rows = [ln.split() for ln in out.splitlines() if ln.strip() and "regel(s)" not in ln]
    assert "term.proefwoord" in [r[0] for r in rows] and all(r[3] == "concept" for r in rows)
    code, out = run(["rules", "list", "--status", "concept"])
    assert "term.proefwoord" not in out  # the extra folder is not loaded without --rules
    code, out = run(["rules", "list", "--category", "term"])
    ids = [ln.split()[0] for ln in out.splitlines() if ln.strip() and "regel(s)" not in ln]
    assert ids and all(i.startswith("term.") for i in ids) and "term.proefwoord" not in ids


def test_list_reads_extra_folders_from_the_config(tmp_path):
    folder(tmp_path, {"proef.yaml": GOOD})
    cfg = tmp_path / ".stigmacheck.yaml"
    cfg.write_text("rules: [regels]\n", encoding="utf-8")
    code, out = run(["rules", "list", "--config", str(cfg)])
    assert code == 0 and "term.proefwoord" in out


def test_list_with_broken_folder_exits_2_with_file_and_line(tmp_path):
    d = folder(tmp_path, {"proef.yaml": GOOD.replace("severity: warning", "severity: heel erg")})
    code, out = run(["rules", "list", "--rules", str(d)])
    assert code == 2
    assert "proef.yaml:3: fout (severity): ongeldige waarde 'heel erg'" in out and "kies uit" in out


# --------------------------------------------------------------------------- show


def test_show_lists_the_derived_forms_the_engine_matches():
    code, out = run(["rules", "show", "term.prostituee"])
    assert code == 0
    assert "Waarom:" in out and "Bronnen:" in out and "Kamerstuk 34193" in out
    # derived, not written in the rule file: plural, diminutive, accent variant, first part of compounds
    for form, new in [("prostituees", "sekswerkers"), ("prostitueetje", "sekswerker"), ("prostituées", "sekswerkers")]:
        assert any(ln.split()[:3] == [form, "->", new] for ln in out.splitlines()), form
    assert "prostituee-" in out and "[eerste deel van een samenstelling]" in out
    assert "status: concept" in out and "beoordeeld door: (nog niet ingevuld)" in out


def test_show_verb_forms_come_with_their_replacement():
    code, out = run(["rules", "show", "term.zich-prostitueren"])
    assert code == 0
    assert any(ln.split()[:2] == ["prostitueerde", "->"] and "werkte als sekswerker" in ln for ln in out.splitlines())
    assert "alleen samen met: zich" in out


def test_show_by_alias_and_unknown_id(tmp_path):
    d = folder(tmp_path, {"proef.yaml": GOOD.replace("summary:", "aliases: [term.oud-proefwoord]\nsummary:")})
    code, out = run(["rules", "show", "--rules", str(d), "term.oud-proefwoord"])
    assert code == 0 and "oude id van term.proefwoord" in out and "proefwoorden" in out
    code, out = run(["rules", "show", "term.prostitue"])
    assert code == 2 and "onbekende regel 'term.prostitue'" in out and "term.prostituee" in out


# --------------------------------------------------------------------------- validate


def test_validate_good_folder(tmp_path):
    d = folder(tmp_path, {"proef.yaml": GOOD})
    code, out = run(["rules", "validate", str(d)])
    assert code == 0, out
    assert "1 regel(s) gecontroleerd: 0 fout(en), 0 waarschuwing(en)" in out


def test_validate_shipped_rules_has_no_errors():
    code, out = run(["rules", "validate", "--no-examples"])
    assert code == 0, out
    assert " 0 fout(en)" in out


BROKEN = {
    "bad_yaml": ({"proef.yaml": GOOD.replace("sources: [Testbron]", "sources: [Testbron")}, "proef.yaml:11:", "ongeldige YAML"),
    "unknown_field": ({"proef.yaml": GOOD.replace("rationale:", "rationalle:")}, "proef.yaml:9:",
                      "(rationalle): onbekend veld 'rationalle'"),
    "wrong_type": ({"proef.yaml": GOOD.replace("sources: [Testbron]", "sources: Testbron")}, "proef.yaml:10:",
                   "(sources): verwacht lijst"),
    "duplicate_id": ({"a.yaml": GOOD, "b.yaml": GOOD.replace("noun: proefwoord", "noun: anderwoord")}, "b.yaml:1:",
                     "id 'term.proefwoord' wordt al gebruikt"),
    "same_expression": ({"a.yaml": GOOD, "b.yaml": GOOD.replace("id: term.proefwoord", "id: term.proefwoord-twee")},
                        "b.yaml:12:", "'proefwoord' staat ook in regel term.proefwoord"),
    "example_finds_nothing": ({"proef.yaml": GOOD.replace("drie proefwoorden", "drie woorden")}, "proef.yaml:15:",
                              "geen enkel flag-voorbeeld geeft een melding"),
    "exception_hides_term": ({"proef.yaml": GOOD.replace("terms:", 'exceptions: ["proef*"]\nterms:')}, "proef.yaml:11:",
                             "uitzondering 'proef*' past op de term 'proefwoord' zelf"),
    "blank_source": ({"proef.yaml": GOOD.replace("sources: [Testbron]", "sources: ['']")}, "proef.yaml:10:",
                     "bron 1 is leeg"),
    "replaced_but_active": ({"proef.yaml": GOOD.replace("summary:", "replaced_by: term.prostituee\nsummary:")},
                            "proef.yaml:7:", "replaced_by staat er, maar de status is 'vastgesteld'"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_validate_broken_folder_names_file_line_and_hint(tmp_path, case):
    files, where, message = BROKEN[case]
    d = folder(tmp_path, files)
    code, out = run(["rules", "validate", str(d)])
    assert code == 2, out
    line = next((ln for ln in out.splitlines() if where in ln and message in ln), None)
    assert line is not None, f"{where} ... {message} not in:\n{out}"
    after = out.splitlines()[out.splitlines().index(line) + 1]
    assert after.strip().startswith("tip:") and len(after.strip()) > 6, after


def test_validate_a_term_that_can_never_match(tmp_path):
    # the rule as a whole still finds its example, but its second term is hidden by an exception
    text = GOOD.replace("  - noun: proefwoord\n    replace: testwoord\n",
                        "  - noun: proefwoord\n    replace: testwoord\n"
                        "  - noun: toetswoord\n    replace: testwoord\n")
    text = text.replace('terms:', 'exceptions: ["toetswoord*"]\nterms:')
    d = folder(tmp_path, {"proef.yaml": text})
    code, out = run(["rules", "validate", str(d)])
    assert code == 2
    assert "proef.yaml:11: fout (exceptions[0]): uitzondering 'toetswoord*' past op de term 'toetswoord' zelf" in out
    assert "proef.yaml:15: fout (terms[1]): de term 'toetswoord' wordt nooit gevonden" in out


def test_validate_in_english(tmp_path):
    d = folder(tmp_path, {"proef.yaml": GOOD.replace("rationale:", "rationalle:")})
    code, out = run(["rules", "validate", "--lang", "en", str(d)])
    assert code == 2
    assert "proef.yaml:9: error (rationalle): unknown field 'rationalle'" in out
    assert "hint: did you mean 'rationale'?" in out
    assert "rule(s) checked" in out and "fout" not in out


def test_validate_english_for_our_own_checks(tmp_path):
    d = folder(tmp_path, {"proef.yaml": GOOD.replace("drie proefwoorden", "drie woorden")})
    code, out = run(["rules", "validate", "--lang", "en", str(d)])
    assert code == 2 and "no flag example produces a finding of this rule" in out and "hint:" in out


def test_validate_single_file_and_warnings(tmp_path):
    text = GOOD.replace("reviewed_by: SWAD-reviewgroep\n", "")
    d = folder(tmp_path, {"proef.yaml": text})
    code, out = run(["rules", "validate", str(d / "proef.yaml")])
    assert code == 0  # warnings do not fail
    assert "proef.yaml:4: waarschuwing (status): vastgestelde regel zonder reviewed_by" in out


def test_validate_missing_path():
    code, out = run(["rules", "validate", "bestaat/niet"])
    assert code == 2 and "bestaat niet" in out


# --------------------------------------------------------------------------- test


def test_test_passes_on_good_rules(tmp_path):
    d = folder(tmp_path, {"proef.yaml": GOOD})
    code, out = run(["rules", "test", str(d)])
    assert code == 0, out
    assert "2 voorbeeld(en) van 1 regel(s): 2 geslaagd, 0 mislukt" in out


def test_test_shows_expected_and_actual_for_failing_examples(tmp_path):
    text = GOOD.replace("suggestion: testwoorden", "suggestion: toetswoorden")
    text = text.replace("- Er staan drie testwoorden in deze zin.", "- Dit proefwoord hoort niet gemeld te worden.")
    d = folder(tmp_path, {"proef.yaml": text})
    code, out = run(["rules", "test", str(d)])
    assert code == 1
    assert "proef.yaml:16: [term.proefwoord] flag-voorbeeld mislukt" in out
    assert "verwacht: een melding met suggestie 'toetswoorden'" in out
    assert "gekregen: 'proefwoorden' -> 'testwoorden'" in out
    assert "proef.yaml:19: [term.proefwoord] pass-voorbeeld mislukt" in out
    assert "gekregen: 'proefwoord' -> 'testwoord'" in out
    assert "0 geslaagd, 2 mislukt" in out


def test_test_on_invalid_rules_exits_2(tmp_path):
    d = folder(tmp_path, {"proef.yaml": "id: term.x\ncategory: term: x\n"})
    code, out = run(["rules", "test", str(d)])
    assert code == 2 and "proef.yaml:2: fout: ongeldige YAML" in out and "tip:" in out


# --------------------------------------------------------------------------- docs


def test_docs_writes_index_and_category_pages(tmp_path):
    out_dir = tmp_path / "regels"
    code, out = run(["rules", "docs", str(out_dir)])
    assert code == 0
    names = sorted(p.name for p in out_dir.iterdir())
    assert {"index.md", "term.md", "velden.md"} <= set(names)
    index = (out_dir / "index.md").read_text(encoding="utf-8")
    assert "[term.prostituee](term.md#termprostituee)" in index
    term = (out_dir / "term.md").read_text(encoding="utf-8")
    assert "## term.prostituee" in term and "| prostituees | sekswerkers | meervoud |" in term


def test_docs_on_invalid_extra_folder_exits_2(tmp_path):
    d = folder(tmp_path, {"proef.yaml": GOOD.replace("category: term", "category: woord")})
    code, out = run(["rules", "docs", "--rules", str(d), str(tmp_path / "uit")])
    assert code == 2 and "proef.yaml:2: fout (category): ongeldige waarde 'woord'" in out


# --------------------------------------------------------------------------- lifecycle through `check`

NEW = GOOD.replace("id: term.proefwoord", "id: term.proefwoord-nieuw")
OLD = proef_rule("term.proefwoord-oud", "status: vervallen\nreplaced_by: term.proefwoord-nieuw\n",
                 "'{text}' is verouderd.", noun="oudwoord", replace=None, flag="Een oudwoord.",
                 passing="Een ander woord.")


def _ids(args, tmp_path, text="Hier staat een proefwoord en een oudwoord."):
    page = tmp_path / "p.txt"
    page.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "json", *args, str(page)])
    assert result.exit_code in (0, 1), result.output
    return [f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]]  # notes go to stderr


def test_deprecated_id_selects_and_ignores_its_replacement(tmp_path):
    folder(tmp_path, {"nieuw.yaml": NEW, "oud.yaml": OLD})
    cfg = tmp_path / ".stigmacheck.yaml"
    cfg.write_text("rules: [regels]\n", encoding="utf-8")
    base = ["--config", str(cfg)]
    assert _ids(base, tmp_path) == ["term.proefwoord-nieuw"]  # the deprecated rule itself is off
    assert _ids(base + ["--select", "term.proefwoord-oud"], tmp_path) == ["term.proefwoord-nieuw"]
    assert _ids(base + ["--ignore", "term.proefwoord-oud"], tmp_path) == []
    code, out = run(["rules", "show", "--config", str(cfg), "term.proefwoord-nieuw"])
    assert "vervangt: term.proefwoord-oud" in out


def test_only_approved_ignores_concept_rules(tmp_path):
    folder(tmp_path, {"proef.yaml": GOOD.replace("status: vastgesteld", "status: concept")})
    cfg = tmp_path / ".stigmacheck.yaml"
    cfg.write_text("rules: [regels]\n", encoding="utf-8")
    assert _ids(["--config", str(cfg)], tmp_path) == ["term.proefwoord"]
    assert _ids(["--config", str(cfg), "--only-approved"], tmp_path) == []
    cfg.write_text("rules: [regels]\nonly_approved: true\n", encoding="utf-8")
    assert _ids(["--config", str(cfg)], tmp_path) == []


def test_validate_a_copy_of_the_rules_folder_on_its_own(tmp_path):
    import shutil

    from stigmacheck.ruleset.loader import default_rules_dir

    copy = tmp_path / "kopie"
    shutil.copytree(default_rules_dir(), copy)
    code, out = run(["rules", "validate", "--no-examples", str(copy)])
    assert code == 0 and " 0 fout(en)" in out, out  # not loaded twice next to the shipped rules
    (copy / "term" / "prostituee.yaml").write_text(GOOD.replace("term.proefwoord", "term.prostitutie"), encoding="utf-8")
    code, out = run(["rules", "validate", "--no-examples", str(copy)])
    assert code == 2
    line = next(ln for ln in out.splitlines() if "fout (id)" in ln)
    assert "prostitutie.yaml:1: fout (id): id 'term.prostitutie' wordt al gebruikt in " in line
    assert line.endswith("prostituee.yaml:1")


def test_validate_phrase_alternative_in_two_rules(tmp_path):
    a = GOOD.replace("  - noun: proefwoord\n    replace: testwoord\n", '  - phrase: "rode|roze proeflamp"\n    replace: testlamp\n')
    a = a.replace("drie proefwoorden", "drie rode proeflamp").replace("suggestion: testwoorden", "suggestion: testlamp")
    b = a.replace("term.proefwoord", "term.proeflamp").replace("rode|roze proeflamp", "roze proeflamp")
    b = b.replace("drie rode proeflamp", "drie roze proeflamp")
    d = folder(tmp_path, {"a.yaml": a, "b.yaml": b})
    code, out = run(["rules", "validate", str(d)])
    assert code == 2
    assert "b.yaml:12: fout (terms[0]): 'roze proeflamp' staat ook in regel term.proefwoord" in out


def test_validate_and_test_without_a_path_include_the_config_rules(tmp_path):
    from conftest import run_cli_in

    folder(tmp_path, {"proef.yaml": GOOD.replace("drie proefwoorden", "drie woorden")})  # its flag example fails
    (tmp_path / ".stigmacheck.yaml").write_text("rules: [regels]\n", encoding="utf-8")
    code, out = run_cli_in(tmp_path, ["rules", "validate"])
    assert code == 2 and "regels/proef.yaml" in out
    code, out = run_cli_in(tmp_path, ["rules", "test"])
    assert code == 1 and "[term.proefwoord] flag-voorbeeld mislukt" in out
