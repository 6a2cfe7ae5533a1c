"""--format html: self-contained, Dutch, escaped, accessible colours, every finding highlighted."""

import re
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from stigmacheck.cli import main
from stigmacheck.documents.text import read_text
from stigmacheck.running.results import FileResult
from stigmacheck.findings import Edit, Finding, Fix
from stigmacheck.report import html as report


def render_files(tmp_path, *args):
    out = tmp_path / "rapport.html"
    result = CliRunner().invoke(main, ["check", "--format", "html", "-o", str(out), *map(str, args)])
    return result.exit_code, out.read_text(encoding="utf-8")


class Collect(HTMLParser):
    """Every start tag with its attributes, and the text inside each highlight button."""

    def __init__(self):
        super().__init__()
        self.tags = []
        self.buttons = []
        self._in_button = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "button" and "treffer" in attrs.get("class", ""):
            self._in_button = {"attrs": attrs, "text": "", "label": ""}
            self._label = False
        elif tag == "span" and self._in_button is not None and attrs.get("class") == "label":
            self._label = True

    def handle_endtag(self, tag):
        if tag == "button" and self._in_button is not None:
            self.buttons.append(self._in_button)
            self._in_button = None
        elif tag == "span":
            self._label = False

    def handle_data(self, data):
        if self._in_button is not None:
            self._in_button["label" if self._label else "text"] += data


def parse(page: str) -> Collect:
    c = Collect()
    c.feed(page)
    return c


def test_report_is_dutch_self_contained_and_highlights_every_finding(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("Titel\n\nDe prostituees en de pooier.\nHet hoertje.\n", encoding="utf-8")
    clean = tmp_path / "schoon.txt"
    clean.write_text("Niets aan de hand.\n", encoding="utf-8")
    code, page = render_files(tmp_path, a, clean, tmp_path / "weg.txt")
    assert code == 2  # the missing file
    assert page.startswith("<!DOCTYPE html>") and '<html lang="nl">' in page
    tags = parse(page).tags
    # no external anything: no link/img/iframe/object tags, no src or remote href, no url() or @import
    assert not [t for t, a in tags if t in ("link", "img", "iframe", "object", "embed", "audio", "video")]
    assert not [a for t, a in tags if "src" in a]
    assert all(a["href"].startswith("#") for t, a in tags if "href" in a)
    assert "url(" not in page and "@import" not in page and "http://" not in page and "https://" not in page
    assert "default-src 'none'" in page  # the CSP forbids network requests even if something slipped in
    buttons = parse(page).buttons
    assert [(b["text"], b["label"], b["attrs"]["class"]) for b in buttons] == [
        ("prostituees", "waarschuwing", "treffer ernst-warning"),
        ("pooier", "waarschuwing", "treffer ernst-warning"),
        ("hoertje", "fout", "treffer ernst-error"),
    ]
    for b in buttons:
        assert b["attrs"]["type"] == "button" and b["attrs"]["aria-expanded"] == "false"
        panel = b["attrs"]["aria-controls"]
        assert re.search(rf'<span class="uitleg[^"]*" id="{panel}" role="region"[^>]*hidden>', page)
    assert "Fout: bestand niet gevonden" in page
    assert "Geen meldingen." in page
    assert "sekswerkers" in page and "Waarom:" in page and "Bronnen:" in page


def test_summary_counts_per_category_and_severity(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("De prostituees en de pooier. Het hoertje. Het bordeel.\n", encoding="utf-8")
    _, page = render_files(tmp_path, a)
    row = re.search(r"<tr><th scope=\"row\">Woorden en uitdrukkingen</th>(.*?)</tr>", page).group(1)
    # columns: fout, waarschuwing, suggestie, info, totaal
    assert re.findall(r"<td>(\d+)</td>", row) == ["1", "2", "1", "0", "4"]


def test_user_text_is_escaped(tmp_path):
    a = tmp_path / "a<b>&amp;.txt"
    a.write_text('<script>alert("x")</script> & de prostituees <img src=x onerror=alert(1)>\n', encoding="utf-8")
    _, page = render_files(tmp_path, a)
    assert page.count("<script>") == 1  # only the report's own script
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; de " in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "a&lt;b&gt;&amp;amp;.txt" in page
    assert not [t for t, a in parse(page).tags if t == "img"]


def test_overlapping_and_document_findings_become_cards():
    doc = read_text("t.txt", "De prostituees wachten.")
    span = Finding("term.x", "term", "warning", 3, 14, "prostituees", "bericht één", ["sekswerkers"],
                   fix=Fix((Edit(3, 14, "prostituees", "sekswerkers"),)))
    inner = Finding("term.y", "term", "info", 6, 10, "titu", "bericht twee")
    whole = Finding("balance.z", "balance", "suggestion", 3, 14, "prostituees", "bericht drie", scope="document")
    page = report.build([FileResult("t.txt", findings=[span, inner, whole], document=doc)])
    c = parse(page)
    assert [b["text"] for b in c.buttons] == ["prostituees"]
    cards = page.split("Meldingen die niet in de tekst gemarkeerd zijn")[1].split("<h3")[0]
    assert "bericht twee" in cards and "bericht drie" in cards and "over het hele document" in cards
    assert "bericht één" not in cards
    assert "maakt van ‘prostituees’ ‘sekswerkers’" in page  # what fix does, read from the Fix


def test_docx_shows_the_paragraphs(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("Eerste alinea.")
    d.add_paragraph("De prostituees wachten.")
    path = tmp_path / "brief.docx"
    d.save(path)
    _, page = render_files(tmp_path, path)
    assert "Eerste alinea.\nDe <button" in page
    assert [b["text"] for b in parse(page).buttons] == ["prostituees"]


# ------------------------------------------------------------------------------ colour contrast


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic just-too-light grey


def _rules(css: str):
    css = re.sub(r"@media[^{]*\{((?:[^{}]*\{[^{}]*\})*)\s*\}", r"\1", css)
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        props = dict(
            (k.strip(), v.strip()) for k, v in (d.split(":", 1) for d in body.split(";") if ":" in d)
        )
        yield selector.strip(), props


def test_every_text_colour_in_the_css_meets_wcag_aa():
    page = report.build([])
    css = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    checked = 0
    for selector, props in _rules(css):
        if "color" in props:
            assert "background-color" in props, f"{selector}: text colour without its own background"
            fg, bg = props["color"], props["background-color"]
            assert re.fullmatch(r"#[0-9a-f]{6}", fg) and re.fullmatch(r"#[0-9a-f]{6}", bg), selector
            ratio = contrast(fg, bg)
            assert ratio >= 4.5, f"{selector}: {fg} on {bg} is {ratio:.2f}:1"
            checked += 1
    assert checked >= 12
    # highlight text on each severity background, and the focus outline against every background
    for light, strong in report.PALETTE.values():
        assert contrast(report.INK, light) >= 4.5
        assert contrast("#ffffff", strong) >= 4.5
        assert contrast(report.FOCUS, light) >= 3.0
    assert contrast(report.FOCUS, report.PAPER) >= 4.5
    assert "outline:3px solid " + report.FOCUS in css


def test_print_styles_show_every_explanation_and_hide_the_controls():
    page = report.build([])
    printing = page.split("@media print", 1)[1]
    assert ".uitleg[hidden]{display:block}" in printing
    assert ".bediening" in printing.split("{display:none}")[0]
