"""The HTML report in a real headless Chromium: highlights, click and keyboard, print, no network.

Needs /usr/bin/chromium (Debian package `chromium`) and the Python package `playwright`; CI
installs both (.ci/run). Without them the tests are skipped with the reason.
"""

from pathlib import Path

import pytest
from chromium_helpers import launch, sync_api, watch
from click.testing import CliRunner

from stigmacheck.cli import main

pytestmark = pytest.mark.slow

TEXT = (
    "Titel van de brief\n"
    "\n"
    "De prostituees in de stad krijgen een spreekuur.\n"
    "Het hoertje en de pooier zijn woorden uit een roman.\n"
    "\n"
    "Tekst met <tags> & tekens blijft leesbaar.\n"
)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rapport")
    source = folder / "brief.txt"
    source.write_text(TEXT, encoding="utf-8")
    out = folder / "rapport.html"
    result = CliRunner().invoke(main, ["check", "--format", "html", "-o", str(out), str(source)])
    assert result.exit_code == 1, result.output
    return out


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        chromium = launch(p)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, report):
    """A fresh page on the report, recording console errors, page errors and every request."""
    page = watch(browser.new_page(viewport={"width": 1000, "height": 900}))
    page.goto(Path(report).as_uri())
    page.wait_for_load_state("load")
    yield page
    page.close()


def highlights(page):
    """(highlighted text, label, text just before it) of each highlight, in document order."""
    return page.eval_on_selector_all(
        "button.treffer",
        """bs => bs.map(b => [b.firstChild.textContent, b.querySelector('.label').textContent,
                          (b.previousSibling && b.previousSibling.nodeType === 3 ? b.previousSibling.textContent : '')
                          .slice(-12)])""",
    )


def test_highlights_sit_on_the_right_words(page):
    marks = highlights(page)
    assert [(m[0], m[1]) for m in marks] == [
        ("prostituees", "waarschuwing"), ("hoertje", "fout"), ("pooier", "waarschuwing"),
    ]
    assert marks[0][2].endswith("\nDe ") and marks[1][2].endswith("\nHet ")
    assert page.locator(".bron").inner_text().count("Tekst met <tags> & tekens blijft leesbaar.") == 1
    assert page.locator("html").get_attribute("lang") == "nl"


def test_click_shows_and_hides_the_details(page):
    first = page.locator("button.treffer").first
    panel = page.locator("#" + first.get_attribute("aria-controls"))
    assert not panel.is_visible() and first.get_attribute("aria-expanded") == "false"
    first.click()
    assert panel.is_visible() and first.get_attribute("aria-expanded") == "true"
    text = panel.inner_text()
    assert "Schrijf 'sekswerkers'" in text and "Waarom:" in text and "Bronnen:" in text
    assert "‘prostituees’ → ‘sekswerkers’" in text
    first.click()
    assert not panel.is_visible() and first.get_attribute("aria-expanded") == "false"


def test_keyboard_opens_details_with_enter_and_space(page):
    first_id = page.locator("button.treffer").first.get_attribute("id")
    for _ in range(60):  # Tab through the page until the first highlight has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == first_id:
            break
    else:
        pytest.fail("de eerste markering is niet met Tab te bereiken")
    focused = page.locator("#" + first_id)
    panel = page.locator("#" + focused.get_attribute("aria-controls"))
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle + ' ' + "
                            "getComputedStyle(document.activeElement).outlineWidth")
    assert outline == "solid 3px"  # a visible focus indicator
    page.keyboard.press("Enter")
    assert panel.is_visible()
    page.keyboard.press("Space")
    assert not panel.is_visible()
    page.keyboard.press(" ")
    assert panel.is_visible()
    page.keyboard.press("Escape")
    assert not panel.is_visible() and page.evaluate("document.activeElement.id") == first_id


def test_overview_link_opens_and_focuses_the_highlight(page):
    page.locator("a.naar-treffer").nth(2).click()
    active = page.evaluate("document.activeElement.id")
    button = page.locator("#" + active)
    assert button.inner_text().startswith("pooier")
    assert page.locator("#" + button.get_attribute("aria-controls")).is_visible()


def test_show_all_and_print_view(page):
    panels = page.locator(".bron .uitleg")
    page.get_by_role("button", name="Alle uitleg tonen").click()
    assert all(panels.nth(i).is_visible() for i in range(panels.count()))
    page.get_by_role("button", name="Alle uitleg verbergen").click()
    assert not any(panels.nth(i).is_visible() for i in range(panels.count()))
    page.emulate_media(media="print")
    assert all(panels.nth(i).is_visible() for i in range(panels.count()))
    assert not page.locator(".bediening").is_visible()


def test_no_console_errors_and_no_network(page, report):
    page.locator("button.treffer").first.click()
    page.keyboard.press("Tab")
    assert page.errors == []
    assert page.requests == [Path(report).as_uri()]
