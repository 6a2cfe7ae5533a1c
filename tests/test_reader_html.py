"""HTML reader: visible prose and image texts only, positions exact through entities, CRLF and emoji."""

import json

from click.testing import CliRunner

from stigmacheck.cli import main
from stigmacheck.documents.html import read_html


def check_json(path, *args):
    result = CliRunner().invoke(main, ["check", "--format", "json", "--fail-on", "never", *args, str(path)])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["files"][0]


def line_col(source, offset):
    before = source[:offset].replace("\r\n", "\n")
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


PAGE = (
    "<!DOCTYPE html>\r\n"
    "<html lang=\"nl\"><head>\r\n"
    "<title>Prostitu&eacute;es &amp; de stad</title>\r\n"
    "<meta name=\"description\" content=\"Hulp voor prostituees &#233;n anderen\">\r\n"
    "<meta name=\"keywords\" content=\"prostituee\">\r\n"
    "<link rel=\"stylesheet\" href=\"/css/prostituee.css\">\r\n"
    "<script>const prostituee = \"prostituee\";</script>\r\n"
    "<style>.prostituee { color: red }</style>\r\n"
    "</head><body>\r\n"
    "<h1>Voor 😀 <em>prostituees</em></h1>\r\n"
    "<p>De café-eigenaar helpt prosti<b>tuees</b> en <a href=\"https://x.nl/prostituee\">prostituees hier</a>.\r\n"
    "Zie https://prostituee.nl/ of <code>prostituee</code>.<!-- prostituee --></p>\r\n"
    "<ul><li>eerste prostituee<li>tweede&nbsp;prostituee</ul>\r\n"
    "<table><tr><th>kop</th><td>cel met prostituees</td></tr></table>\r\n"
    "<pre>prostituee</pre><template><p>prostituee</p></template><noscript>prostituee</noscript>\r\n"
    "<figure><img src=\"/beelden/prostituee.jpg\" alt=\"Twee prostituees in gesprek\" title=\"Prostituees\">\r\n"
    "<figcaption>Prostituees overleggen</figcaption></figure>\r\n"
    "</body></html>\r\n"
)


def test_block_kinds_and_what_is_never_read():
    doc = read_html("p.html", PAGE)
    kinds = [(b.kind, b.text) for b in doc.blocks]
    assert ("title", "Prostituées & de stad") in kinds
    assert ("meta", "Hulp voor prostituees én anderen") in kinds
    assert ("heading", "Voor 😀 prostituees") in kinds
    assert ("list", "eerste prostituee") in kinds and ("list", "tweede\xa0prostituee") in kinds
    assert ("table", "kop") in kinds and ("table", "cel met prostituees") in kinds
    assert ("alt", "Twee prostituees in gesprek") in kinds
    assert ("image-title", "Prostituees") in kinds
    assert ("caption", "Prostituees overleggen") in kinds
    assert ("filename", "prostituee.jpg") in kinds
    prose = next(b.text for b in doc.blocks if b.kind == "prose")
    assert prose.startswith("De café-eigenaar helpt prostituees en prostituees hier.\r\nZie  of .")
    everything = "\n".join(b.text for b in doc.blocks)
    for never in ("const", "color", "css", "keywords", "https", "x.nl"):
        assert never not in everything
    # every linear run is the source itself; the entities are atomic
    for block in doc.blocks:
        for run in block.runs:
            piece = block.text[run.blk : run.blk + run.blk_len]
            if run.blk_len == run.src_len:
                assert PAGE[run.src : run.src + run.src_len] == piece
            else:
                assert PAGE[run.src] == "&" and run.blk_len == 1


def test_cli_positions_are_exact(tmp_path):
    page = tmp_path / "pagina.html"
    page.write_bytes(PAGE.encode("utf-8"))
    findings = check_json(page)["findings"]
    for f in findings:
        assert PAGE[f["offset"] : f["end_offset"]] == f["text"]
        assert (f["line"], f["column"]) == line_col(PAGE, f["offset"])
        assert (f["end_line"], f["end_column"]) == line_col(PAGE, f["end_offset"])
    terms = sorted((f["line"], f["text"]) for f in findings if f["rule"] == "term.prostituee")
    assert terms == sorted(
        [
            (3, "Prostitu&eacute;es"),
            (4, "prostituees"),
            (10, "prostituees"),
            (11, "prosti<b>tuees"),
            (11, "prostituees"),
            (13, "prostituee"),
            (13, "prostituee"),
            (14, "prostituees"),
            (16, "prostituees"),
            (16, "Prostituees"),
            (17, "Prostituees"),
        ]
    )
    # never: meta keywords, stylesheet, script, style, link target, URL, code, comment, pre,
    # template, noscript, or the image file name (a name, not prose)
    assert not {f["line"] for f in findings} & {5, 6, 7, 8, 12, 15}
    assert not any(f["text"] == "prostituee" and f["line"] == 16 for f in findings)


def test_entity_finding_columns_count_code_points():
    source = "<p>😀 &eacute;&eacute; prostitu&#233;e</p>"
    doc = read_html("e.html", source)
    (block,) = doc.blocks
    assert block.text == "😀 éé prostituée"
    start = block.text.index("prostituée")
    assert source[block.to_source(start) : block.to_source_end(start + 10)] == "prostitu&#233;e"
    assert block.to_source(start) == source.index("prostitu")


def test_lf_only_and_lone_attributes_without_quotes():
    source = "<p>Regel een\nregel twee</p>\n<img src=a/b/rode-lampen.png?x=1 alt=Lampen>"
    doc = read_html("a.html", source)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("prose", "Regel een\nregel twee"),
        ("filename", "rode-lampen.png"),
        ("alt", "Lampen"),
    ]
    name = doc.blocks[1]
    assert source[name.to_source(0) : name.to_source_end(len(name.text))] == "rode-lampen.png"


def test_stdin_filename_picks_the_html_reader():
    source = "<p>De <code>prostituees</code> en de prostituees.</p>"
    result = CliRunner().invoke(
        main, ["check", "--format", "json", "--stdin-filename", "pagina.htm", "-"], input=source.encode("utf-8")
    )
    (f,) = json.loads(result.output)["files"][0]["findings"]
    assert source[f["offset"] : f["end_offset"]] == f["text"] == "prostituees"
    assert f["offset"] == source.rindex("prostituees")
