"""The imagery kind: stereotyped images on pages about sex work, in alt text, titles, captions and
file names; never in prose, never on pages about something else; positions exact in the source."""

import json
import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner

from stigmacheck.cli import main
from stigmacheck.documents import load
from stigmacheck.ruleset.loader import RuleSetError, load_ruleset

from conftest import ROOT


@pytest.fixture
def check_as(engine):
    def run(source, name="p.md"):
        doc = load(name, source.encode("utf-8"))
        findings = engine.check_document(doc)
        for f in findings:
            assert source[f.start : f.end] == f.text
        return findings

    return run


def imagery(findings):
    return [(f.rule, f.text) for f in findings if f.category == "imagery"]


def test_red_lamps_in_alt_text_on_a_page_about_sex_work(check_as):
    source = "# Spreekuur\n\nSekswerkers kunnen terecht bij de GGD.\n\n![Rode lampen boven een deur](foto.jpg)\n"
    (f,) = [f for f in check_as(source) if f.category == "imagery"]
    assert (f.rule, f.text, f.severity) == ("imagery.stereotiep-beeld", "Rode lampen", "suggestion")
    assert f.suggestions == [] and f.fixable is False
    assert "'Rode lampen'" in f.message and "Reimagining Sex Work" in f.message
    assert f.start == source.index("Rode lampen")


def test_same_image_on_a_page_about_something_else_is_fine(check_as):
    source = "# Kerstmarkt\n\nDe markt opent zaterdag.\n\n![Rode lampen boven een deur](foto.jpg)\n"
    assert imagery(check_as(source)) == []


def test_the_topic_may_be_anywhere_in_the_document(check_as):
    source = "---\ntitle: Beleid voor escortbureaus\n---\n\nDe raad besluit.\n\n![Een vrouw op naaldhakken naast een auto](x.jpg)\n"
    assert imagery(check_as(source)) == [("imagery.stereotiep-beeld", "naaldhakken")]


def test_file_name_is_read_as_words_and_the_finding_points_at_it(check_as):
    source = "Het sekswerkbeleid wordt herzien.\n\n![Een straat](/img/2024/rode-lampen_02.jpg)\n"
    findings = check_as(source)
    assert imagery(findings) == [("imagery.stereotiep-beeld", "rode-lampen")]
    (f,) = [f for f in findings if f.category == "imagery"]
    assert source[f.start : f.end] == "rode-lampen" and f.start == source.index("rode-lampen")


def test_term_rules_do_not_touch_file_names_but_do_check_alt_text(check_as):
    source = "Over sekswerk.\n\n![Twee prostituees in gesprek](beelden/prostituees.jpg)\n"
    findings = check_as(source)
    terms = [(f.rule, f.text, f.start) for f in findings if f.category == "term"]
    assert terms == [("term.prostituee", "prostituees", source.index("prostituees"))]


def test_prose_describing_images_is_not_imagery(check_as):
    source = "Sekswerkers willen geen foto's meer van rode lampen, netkousen en handboeien.\n"
    assert imagery(check_as(source)) == []


def test_label_on_an_unrecognisable_person_and_the_term_both_report(check_as):
    source = "Raamsekswerk in de stad.\n\n![Silhouet van een prostituee achter het raam](a.jpg)\n"
    findings = check_as(source)
    got = sorted((f.rule, f.text) for f in findings if f.category in ("imagery", "term"))
    assert got == [
        ("imagery.label-onherkenbaar", "prostituee"),
        ("imagery.stereotiep-beeld", "Silhouet"),
        ("term.prostituee", "prostituee"),
    ]
    label = next(f for f in findings if f.rule == "imagery.label-onherkenbaar")
    assert label.severity == "warning" and label.suggestions == []


def test_a_label_on_a_recognisable_person_is_fine(check_as):
    source = "Sekswerk in de stad.\n\n![Sekswerker Anna (34) in haar werkkamer](anna.jpg)\n"
    assert imagery(check_as(source)) == []


def test_html_alt_title_caption_and_src(check_as):
    source = textwrap.dedent(
        """\
        <html><head><title>Prostitutiebeleid</title></head><body>
        <p>De gemeente overlegt met sekswerkers.</p>
        <figure><img src="/beelden/handboeien-01.jpg" alt="Een hand voor de mond" title="Vrouw in lingerie">
        <figcaption>Slachtoffer, van achteren gefotografeerd</figcaption></figure>
        <p>Geen beeld: <code>netkousen.jpg</code> <!-- rode lampen --></p>
        </body></html>
        """
    )
    got = sorted(imagery(check_as(source, "p.html")))
    assert got == [
        ("imagery.label-onherkenbaar", "Slachtoffer"),
        ("imagery.mensenhandel-attributen", "hand voor de mond"),  # its file name (handboeien) is the same image
        ("imagery.stereotiep-beeld", "lingerie"),
        ("imagery.stereotiep-beeld", "van achteren"),
    ]


def test_one_finding_per_rule_and_image_naming_every_cue(check_as):
    source = "Sekswerk.\n\n![Rode lampen, netkousen en een silhouet](x.jpg)\n"
    (f,) = [f for f in check_as(source) if f.category == "imagery"]
    assert f.text == "Rode lampen"
    assert "'Rode lampen', 'netkousen', 'silhouet'" in f.message


@pytest.mark.parametrize("name, source", [
    ("p.html", '<p>Sekswerk.</p>\n<img src="handboeien.jpg" alt="Vrouw met handboeien">\n<img alt="Handboeien op tafel">\n'),
    ("p.md", "Sekswerk.\n\n![Vrouw met handboeien](handboeien.jpg \"Handboeien\") ![Handboeien op tafel](b.jpg)\n"),
])
def test_one_finding_per_image_however_many_of_its_texts_match(check_as, name, source):
    """Alt text, title and file name of one image give one finding (the alt text's); another
    image on the same line gets its own."""
    got = [(f.text, f.start) for f in check_as(source, name) if f.rule == "imagery.mensenhandel-attributen"]
    assert [t for t, _ in got] == ["handboeien", "Handboeien"]
    assert source[got[0][1] - 10 : got[0][1]].endswith("met ")  # the alt text, not the file name


def test_word_caption_style_is_an_image_text(engine):
    import io

    import docx

    d = docx.Document()
    d.add_paragraph("Nieuw beleid voor sekswerkers.")
    d.add_paragraph("Een vrouw in netkousen bij een auto", style="Caption")
    d.add_paragraph("Netkousen liggen in de winkel.")
    buf = io.BytesIO()
    d.save(buf)
    doc = load("brief.docx", buf.getvalue())
    findings = [f for f in engine.check_document(doc) if f.category == "imagery"]
    assert [(f.text, doc.line_col(f.start)) for f in findings] == [("netkousen", (2, 14))]


def test_cli_json_for_a_page_whose_only_stems_are_in_images(tmp_path):
    page = tmp_path / "pagina.md"
    source = "Sekswerkers krijgen\r\nhulp.\r\n\r\n![Vrouw 😀 in netkousen](foto.jpg)\r\n"
    page.write_bytes(source.encode("utf-8"))
    result = CliRunner().invoke(main, ["check", "--format", "json", "--fail-on", "suggestion", str(page)])
    assert result.exit_code == 1
    (f,) = json.loads(result.output)["files"][0]["findings"]
    assert (f["rule"], f["category"], f["text"], f["line"], f["column"]) == (
        "imagery.stereotiep-beeld", "imagery", "netkousen", 4, 14,
    )
    assert source[f["offset"] : f["end_offset"]] == "netkousen"
    assert f["suggestions"] == [] and f["fixable"] is False


def test_image_texts_without_stems_do_not_load_spacy(tmp_path):
    """Image texts are always analysed, but parsed only on demand: a page whose only cue is in an
    image must not load the language model."""
    page = tmp_path / "p.md"
    page.write_text("Escortbureaus krijgen hulp.\n\n![Rode lampen](a.jpg) ![Een kantoor](b.jpg)\n", encoding="utf-8")
    code = textwrap.dedent(
        f"""
        import sys, json
        from click.testing import CliRunner
        from stigmacheck.cli import main
        out = CliRunner().invoke(main, ["check", "--format", "json", {str(page)!r}]).output
        print(json.dumps([json.loads(out)["files"][0]["findings"][0]["rule"], "spacy" in sys.modules]))
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "src")})
    assert json.loads(done.stdout) == ["imagery.stereotiep-beeld", False], done.stderr


# --------------------------------------------------------------------------- rule files

RULE = """\
id: imagery.proef
category: imagery
severity: suggestion
message: "Beeld met {{cues}}."
rationale: "Omdat."
sources: [proef]
topic: ["sekswerk*"]
cues: [{cues}]
examples:
  flag:
    - text: "Sekswerk.\\n\\n![Rode lampen](a.jpg)"
      reader: {reader}
  pass:
    - {pass_example}
"""


def write_rule(tmp_path, cues='"rode lamp*"', reader="markdown", pass_example='"Sekswerk."'):
    folder = tmp_path / "regels"
    folder.mkdir(exist_ok=True)
    (folder / "proef.yaml").write_text(
        RULE.format(cues=cues, reader=reader, pass_example=pass_example), encoding="utf-8"
    )
    return folder


def test_unknown_concept_in_cues_is_reported_with_file_and_line(tmp_path):
    folder = write_rule(tmp_path, cues='"@bestaatniet"')
    with pytest.raises(RuleSetError) as info:
        load_ruleset([folder], include_default=False)
    assert "proef.yaml:8:" in str(info.value) and "@bestaatniet" in str(info.value)


def test_unknown_example_reader_is_a_schema_error(tmp_path):
    folder = write_rule(tmp_path, reader="xml")
    with pytest.raises(RuleSetError) as info:
        load_ruleset([folder], include_default=False)
    assert "proef.yaml:12:" in str(info.value) and "'xml'" in str(info.value)


def test_pass_example_may_be_a_map_with_a_reader(tmp_path):
    from stigmacheck.curation.examples import run_examples

    folder = write_rule(tmp_path, pass_example='{text: "Sekswerk.\\n\\n![Een kantoor](rode-lampen.jpg)", reader: markdown}')
    ruleset = load_ruleset([folder], include_default=False)
    results = {r.kind: r for r in run_examples(ruleset)}
    assert results["flag"].ok
    assert not results["pass"].ok  # the file name gives it away: the runner really used Markdown
    assert "rode-lampen" in results["pass"].got


def test_a_suggestion_placeholder_in_the_message_is_refused(tmp_path):
    folder = write_rule(tmp_path)
    path = folder / "proef.yaml"
    path.write_text(path.read_text().replace("Beeld met {cues}.", "Schrijf {suggestion}."), encoding="utf-8")
    with pytest.raises(RuleSetError, match="geen suggestie"):
        load_ruleset([folder], include_default=False)
