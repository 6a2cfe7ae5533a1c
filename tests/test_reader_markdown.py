"""Markdown reader: only prose is checked, and every finding points at the exact source characters."""

import json

import pytest
from click.testing import CliRunner

from stigmacheck.cli import main
from stigmacheck.documents.markdown import read_markdown


def check_json(path, *args, input=None):
    result = CliRunner().invoke(main, ["check", "--format", "json", "--fail-on", "never", *args, str(path)], input=input)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["files"][0]


def assert_exact_runs(doc):
    """Every character-for-character run of every block is the source text itself."""
    for block in doc.blocks:
        for run in block.runs:
            piece = block.text[run.blk : run.blk + run.blk_len]
            if run.blk_len == run.src_len:
                assert doc.source[run.src : run.src + run.src_len] == piece, (block.kind, piece)


def line_col(source, offset):
    """1-based line/column the way an editor shows it (CRLF is one break)."""
    before = source[:offset].replace("\r\n", "\n")
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


PAGE = (
    "---\r\n"
    "title: Prostituees in de stad\r\n"
    "description: >\r\n"
    "  Wat de gemeente doet\r\n"
    "  voor prostituees\r\n"
    "author: prostituee-archief\r\n"
    "---\r\n"
    "# Hulp voor *prostituees* 😀\r\n"
    "\r\n"
    "Café-eigenaar zegt: \\*de **prostituées** &eacute;n [prostituees hier](https://x.nl/prostituee \"Over prostituees\").\r\n"
    "Zie `prostituee` en <span title=\"prostituee\">x</span> of https://prostituee.nl/prostituee.\r\n"
    "\r\n"
    "| kolom | prostituees |\r\n"
    "|---|---|\r\n"
    "| é 😀 | ook prostituees |\r\n"
    "\r\n"
    "> Een citaat over de prostitutie\r\n"
    "\r\n"
    "- item met prostituees\r\n"
    "\r\n"
    "```\r\n"
    "prostituee in code\r\n"
    "```\r\n"
    "\r\n"
    "    prostituee ingesprongen code\r\n"
    "\r\n"
    "<!-- prostituee in commentaar -->\r\n"
    "\r\n"
    "<div>prostituee in ruwe HTML</div>\r\n"
    "\r\n"
    "<https://prostituee.nl> en <prostituee@example.nl>\r\n"
)


def test_block_kinds_and_skipped_regions():
    doc = read_markdown("p.md", PAGE)
    kinds = [(b.kind, b.text) for b in doc.blocks]
    assert ("title", "Prostituees in de stad") in kinds
    assert ("meta", "Wat de gemeente doet voor prostituees\n") in kinds
    assert ("heading", "Hulp voor prostituees 😀") in kinds
    assert ("link", "Over prostituees") in kinds  # a link title is prose too
    assert ("table", "prostituees") in kinds and ("table", "ook prostituees") in kinds
    assert ("quote", "Een citaat over de prostitutie") in kinds
    assert ("list", "item met prostituees") in kinds
    everything = "\n".join(b.text for b in doc.blocks)
    for never in ("code", "commentaar", "ruwe HTML", "https", "archief", "example.nl", "x.nl"):
        assert never not in everything
    prose = next(b for b in doc.blocks if b.kind == "prose")
    # markup, escape and entity are gone from the block text, link text stays in the sentence
    assert prose.text.startswith("Café-eigenaar zegt: *de prostituées én prostituees hier.\n")
    assert_exact_runs(doc)


def test_cli_positions_are_exact_with_crlf_entities_and_emoji(tmp_path):
    page = tmp_path / "pagina.md"
    page.write_bytes(PAGE.encode("utf-8"))
    result = check_json(page)
    findings = result["findings"]
    assert result["error"] is None
    for f in findings:
        assert PAGE[f["offset"] : f["end_offset"]] == f["text"]
        assert (f["line"], f["column"]) == line_col(PAGE, f["offset"])
        assert (f["end_line"], f["end_column"]) == line_col(PAGE, f["end_offset"])
    found = sorted((f["line"], f["text"]) for f in findings if f["rule"] == "term.prostituee")
    assert found == sorted([
        (2, "Prostituees"),
        (5, "prostituees"),
        (8, "prostituees"),
        (10, "prostituees"),
        (10, "prostituées"),
        (10, "prostituees"),
        (13, "prostituees"),
        (15, "prostituees"),
        (19, "prostituees"),
    ])
    # nothing from code, inline code, HTML, comments, URLs, e-mail addresses or other front matter keys
    lines = {f["line"] for f in findings}
    assert not lines & {6, 11, 21, 22, 25, 27, 29, 31}


def test_emphasis_inside_a_word_still_maps_to_the_whole_source_span(tmp_path):
    source = "Er werken pro*stitu*ees en **prostituees** in de stad.\n"
    page = tmp_path / "nadruk.md"
    page.write_text(source, encoding="utf-8")
    texts = [f["text"] for f in check_json(page)["findings"]]
    assert texts == ["pro*stitu*ees", "prostituees"]


def test_backslash_escape_and_entity_are_atomic():
    source = "De prostitu&eacute;e en \\*prostituees\\*.\n"
    doc = read_markdown("e.md", source)
    (block,) = doc.blocks
    assert block.text == "De prostituée en *prostituees*."
    start = block.text.index("prostituée")
    assert source[block.to_source(start) : block.to_source_end(start + len("prostituée"))] == "prostitu&eacute;e"
    start = block.text.index("*prostituees*")
    assert source[block.to_source(start) : block.to_source_end(start + 13)] == "\\*prostituees\\*"


def test_images_give_alt_title_and_file_name_blocks():
    source = 'Tekst ![Rode *lampen*](../beelden/rode-lampen_02.jpg?w=300 "Een titel") verder.\n'
    doc = read_markdown("i.md", source)
    by_kind = {b.kind: b for b in doc.blocks}
    assert by_kind["prose"].text == "Tekst  verder."
    assert by_kind["alt"].text == "Rode lampen"
    assert by_kind["image-title"].text == "Een titel"
    name = by_kind["filename"]
    assert name.text == "rode-lampen_02.jpg"
    assert source[name.to_source(0) : name.to_source_end(len(name.text))] == "rode-lampen_02.jpg"
    assert_exact_runs(doc)


def test_separate_paragraphs_items_and_cells_are_separate_blocks():
    source = "Een.\n\nTwee.\n\n- drie\n- vier\n\n| vijf | zes |\n|---|---|\n| zeven | acht |\n"
    texts = [b.text for b in read_markdown("b.md", source).blocks]
    assert texts == ["Een.", "Twee.", "drie", "vier", "vijf", "zes", "zeven", "acht"]


def test_front_matter_that_is_not_yaml_is_noted_not_fatal():
    doc = read_markdown("f.md", "---\ntitle: [prostituees\n---\nTekst over prostituees.\n")
    assert [b.text for b in doc.blocks] == ["Tekst over prostituees."]
    assert doc.notes and "front matter" in doc.notes[0]


@pytest.mark.parametrize("name", ["invoer.md", "invoer.markdown"])
def test_stdin_filename_picks_the_markdown_reader(name):
    source = "Zie `prostituees` en **prostituees**.\n"
    result = CliRunner().invoke(
        main, ["check", "--format", "json", "--stdin-filename", name, "-"], input=source.encode("utf-8")
    )
    data = json.loads(result.output)
    (f,) = data["files"][0]["findings"]
    assert data["files"][0]["path"] == "-"
    assert (f["text"], f["offset"], f["column"]) == ("prostituees", 23, 24)
    assert source[f["offset"] : f["end_offset"]] == f["text"]


def test_reference_link_followed_by_a_bracket_keeps_the_text_after_it():
    source = "[ref]: /adres\n\nZie [ref](prostituees in de stad) en [ref] (prostituees).\n"
    doc = read_markdown("r.md", source)
    (block,) = doc.blocks
    assert block.text == "Zie ref(prostituees in de stad) en ref (prostituees)."
    for start in (i for i in range(len(block.text)) if block.text.startswith("prostituees", i)):
        assert source[block.to_source(start) : block.to_source_end(start + 11)] == "prostituees"
