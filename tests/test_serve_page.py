"""The web page of `stigmacheck serve` in a real headless Chromium: paste, see the highlight,
apply one suggestion, apply all safe fixes, download; upload a .docx; keyboard only; nothing
loaded from elsewhere; no text in the server's log.

Needs /usr/bin/chromium (Debian package `chromium`) and the Python package `playwright`; without
them the tests are skipped with the reason.
"""

import io

import pytest
from chromium_helpers import launch, sync_api, watch
from test_serve_fixture import MARKER, Server

expect = sync_api.expect

pytestmark = pytest.mark.slow

TEXT = f"{MARKER}\n\nDe prostituees in de stad 😀 wachten op de hoerenloper.\nEen zin zonder meldingen."


@pytest.fixture(scope="module")
def running(tmp_path_factory):
    with Server(tmp_path_factory.mktemp("serve-page")) as s:
        yield s


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        chromium = launch(p)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, running):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = watch(context.new_page())
    page.goto(running.url + "/")
    yield page
    context.close()


def check_pasted(page, text=TEXT):
    page.fill("#tekst", text)
    page.click("#controleer")
    page.wait_for_selector("#meldingen li")


def marks(page):
    return page.eval_on_selector_all("#document mark", "ms => ms.map(m => m.textContent)")


def test_paste_shows_highlights_and_findings(page):
    """(A pasted text is no Word file: the review-copy button stays hidden; see the .docx test.)"""
    check_pasted(page)
    assert marks(page) == ["prostituees", "hoerenloper"]
    items = page.locator("#meldingen li.melding")
    assert items.count() == 2
    first = items.nth(0).inner_text()
    assert "Schrijf 'sekswerkers'" in first and "Woorden en uitdrukkingen" in first
    items.nth(0).locator("summary").click()
    assert "2022" in items.nth(0).locator("details").inner_text()  # the rule's reason
    assert "2 meldingen" in page.inner_text("#samenvatting")
    # the text around the highlights is the pasted text, emoji and line breaks included
    assert page.inner_text("#document") == TEXT


def test_apply_one_suggestion_then_all_then_download(page, tmp_path):
    check_pasted(page)
    page.get_by_role("button", name="Vervang ‘prostituees’ door ‘sekswerkers’").click()
    expect(page.locator("#document mark")).to_have_count(1)
    assert marks(page) == ["hoerenloper"]
    assert "Vervangen" in page.inner_text("#status")
    assert page.input_value("#tekst") == TEXT.replace("prostituees", "sekswerkers")
    page.click("#alles")
    expect(page.locator("#document mark")).to_have_count(0)
    expected = TEXT.replace("prostituees", "sekswerkers").replace("hoerenloper", "klant")
    assert page.inner_text("#document") == expected
    with page.expect_download() as info:
        page.click("#download")
    download = info.value
    assert download.suggested_filename == "tekst-herzien.txt"
    target = tmp_path / "uit.txt"
    download.save_as(target)
    assert target.read_text(encoding="utf-8") == expected


def upload_docx(page, path, lines):
    """Make a Word file of `lines` at `path`, upload it on the page and wait for the highlights."""
    import docx

    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    d.save(path)
    page.set_input_files("#bestand", str(path))
    page.click("#controleer")
    page.wait_for_selector("#document mark")


def test_upload_docx_check_fix_and_download(page, tmp_path):
    import docx

    upload_docx(page, tmp_path / "brief.docx", (MARKER, "De prostituees wachten.", "Een alinea zonder meldingen."))
    assert marks(page) == ["prostituees"]
    assert "Word-bestand" in page.inner_text("#bron-hint")
    page.click("#alles")
    expect(page.locator("#document mark")).to_have_count(0)
    with page.expect_download() as info:
        page.click("#download")
    assert info.value.suggested_filename == "brief-herzien.docx"
    saved = tmp_path / "uit.docx"
    info.value.save_as(saved)
    fixed = docx.Document(io.BytesIO(saved.read_bytes()))
    assert [p.text for p in fixed.paragraphs] == [MARKER, "De sekswerkers wachten.", "Een alinea zonder meldingen."]


def test_upload_docx_and_download_the_review_copy(page, tmp_path):
    import zipfile

    upload_docx(page, tmp_path / "concept.docx", (MARKER, "De prostituees wachten.", "Een pooier kwam langs."))
    expect(page.locator("#nakijken")).to_be_visible()
    with page.expect_download() as info:
        page.click("#nakijken")
    assert info.value.suggested_filename == "concept.nagekeken.docx"
    saved = tmp_path / "nagekeken.docx"
    info.value.save_as(saved)
    with zipfile.ZipFile(saved) as copy:
        assert copy.read("word/comments.xml").decode("utf-8").count("<w:comment ") == 2
    expect(page.locator("#status")).to_contain_text("2 opmerking(en)")


def test_bad_upload_shows_the_readers_dutch_error(page, tmp_path):
    path = tmp_path / "kapot.docx"
    path.write_bytes(b"dit is geen Word-bestand")
    page.set_input_files("#bestand", str(path))
    page.click("#controleer")
    page.wait_for_selector("#fout:not([hidden])")
    assert "Word" in page.inner_text("#fout")
    assert page.locator("#resultaat").is_hidden()


def test_keyboard_only(page):
    page.focus("#tekst")
    page.keyboard.insert_text(TEXT)
    for _ in range(10):  # Tab to the button, Enter checks
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "controleer":
            break
    page.keyboard.press("Enter")
    page.wait_for_selector("#document mark")
    for _ in range(40):  # Tab on to the first highlight
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('mark') !== null"):
            break
    else:
        pytest.fail("de eerste markering is niet met Tab te bereiken")
    style = page.evaluate("getComputedStyle(document.activeElement).outlineStyle + ' ' + "
                          "getComputedStyle(document.activeElement).outlineWidth")
    assert style == "solid 3px"  # a visible focus indicator
    page.keyboard.press("Enter")  # to the finding in the list
    assert page.evaluate("document.activeElement.id") == "melding-0"
    for _ in range(10):  # on to its suggestion button; Enter applies it
        page.keyboard.press("Tab")
        if "Vervang" in page.evaluate("document.activeElement.textContent"):
            break
    page.keyboard.press("Enter")
    expect(page.locator("#document mark")).to_have_count(1)


def test_labels_language_and_no_outside_requests(page, running):
    assert page.get_attribute("html", "lang") == "nl"
    for field in ("tekst", "bestand"):
        assert page.locator(f"label[for={field}]").count() == 1
    check_pasted(page)
    assert page.errors == []
    assert all(u.startswith((running.url, "data:", "blob:")) for u in page.requests), page.requests
    log = running.log()
    assert "POST /api/check 200" in log and MARKER not in log and "prostituees" not in log


CONTRAST_JS = """
sel => [...document.querySelectorAll(sel)].filter(el => el.offsetParent !== null).map(el => {
  const fg = getComputedStyle(el).color;
  let bg = 'rgba(0, 0, 0, 0)', node = el;
  while (node && node.nodeType === 1) {
    const b = getComputedStyle(node).backgroundColor;
    if (b !== 'rgba(0, 0, 0, 0)' && b !== 'transparent') { bg = b; break; }
    node = node.parentElement;
  }
  return [fg, bg === 'rgba(0, 0, 0, 0)' ? 'rgb(255, 255, 255)' : bg];
})
"""


def _luminance(rgb: str) -> float:
    parts = [int(float(x)) for x in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]
    channel = [(c / 255 / 12.92) if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in parts]
    return 0.2126 * channel[0] + 0.7152 * channel[1] + 0.0722 * channel[2]


def contrast(fg: str, bg: str) -> float:
    a, b = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def test_text_contrast_is_at_least_4_5(page):
    check_pasted(page)
    page.locator("#meldingen summary").first.click()
    selectors = ["h1", "h2", "h3", "p", "label", ".hint", ".knop", ".knop.primair", "#document", "#document mark a",
                 ".melding .soort", ".melding .regel", ".melding summary", ".melding a", ".kop p", ".voet p"]
    for selector in selectors:
        pairs = page.evaluate(CONTRAST_JS, selector)
        assert pairs, selector
        for fg, bg in pairs:
            assert contrast(fg, bg) >= 4.5, (selector, fg, bg, round(contrast(fg, bg), 2))
