"""`stigmacheck serve` as its clients see it: a real server process on a free loopback port,
asked by language_tool_python (a LanguageTool client we did not write), by plain HTTP for what
that client cannot send (`data` annotations, bad requests) and by the web page's endpoints.
The browser tests of the page are in test_serve_page.py.

Every text sent contains the word MARKER; the last test reads the server's log and finds it
nowhere (only paths, statuses, sizes and timings are logged).
"""

import base64
import io
import json
import urllib.parse

import pytest
from test_serve_fixture import MARKER, Server

language_tool_python = pytest.importorskip("language_tool_python", reason="pip install language_tool_python")
requests = pytest.importorskip("requests", reason="pip install requests")

TEXT = f"😀 {MARKER}: de prostituees wachten. 🎉🎉 Het hoertje en de pooier zijn er ook."
DOCS = "https://voorbeeld.nl/regels"


@pytest.fixture(scope="module")
def running(tmp_path_factory):
    with Server(tmp_path_factory.mktemp("serve"), "--workers", "2", "--max-bytes", "200000", "--docs-url", DOCS) as s:
        yield s


@pytest.fixture(scope="module")
def server(running):
    return running.url


@pytest.fixture(scope="module")
def tool(server):
    t = language_tool_python.LanguageTool("nl-NL", remote_server=server)
    yield t
    t.close()


def lt_check(server, **params):
    params.setdefault("language", "nl-NL")
    return requests.post(server + "/v2/check", data=params, timeout=30)


def utf16_slice(text: str, offset: int, length: int) -> str:
    units = text.encode("utf-16-le")
    return units[2 * offset:2 * (offset + length)].decode("utf-16-le")


# --------------------------------------------------------------------------- language_tool_python


def test_languages_list_dutch(server):
    codes = {lang["longCode"] for lang in requests.get(server + "/v2/languages", timeout=10).json()}
    assert codes == {"nl", "nl-NL", "nl-BE"}


def test_client_gets_our_findings_at_the_right_place_after_emoji(tool):
    matches = tool.check(TEXT)
    # language_tool_python turns UTF-16 offsets back into code points itself
    found = [(m.rule_id, TEXT[m.offset:m.offset + m.error_length], m.replacements) for m in matches]
    assert found == [
        ("term.prostituee", "prostituees", ["sekswerkers"]),
        ("term.hoer", "hoertje", ["sekswerker"]),
        ("term.pooier", "pooier", []),
    ]
    assert {m.category for m in matches} == {"TERM"} and {m.rule_issue_type for m in matches} == {"style"}
    assert "sekswerkers" in matches[0].message
    assert matches[0].sentence == f"😀 {MARKER}: de prostituees wachten."


def test_client_applies_the_replacements(tool):
    assert tool.correct(f"{MARKER} 😀. De prostituees wachten op de hoerenloper.") == \
        f"{MARKER} 😀. De sekswerkers wachten op de klant."


def test_client_disabled_rules_and_categories(server):
    t = language_tool_python.LanguageTool("nl-NL", remote_server=server)
    try:
        t.disabled_rules = {"term.hoer"}
        assert [m.rule_id for m in t.check(TEXT)] == ["term.prostituee", "term.pooier"]
        t.disabled_rules = set()
        t.enabled_rules_only, t.enabled_rules = True, {"term.pooier"}
        assert [m.rule_id for m in t.check(TEXT)] == ["term.pooier"]
    finally:
        t.close()


# --------------------------------------------------------------------------- the raw answer


def test_offsets_are_utf16_units(server):
    answer = lt_check(server, text=TEXT).json()
    assert answer["software"]["name"] == "stigmacheck"
    assert answer["language"]["detectedLanguage"]["code"] == "nl-NL"
    first = answer["matches"][0]
    assert first["offset"] == TEXT.index("prostituees") + 1  # the emoji counts two units
    assert utf16_slice(TEXT, first["offset"], first["length"]) == "prostituees"
    second = answer["matches"][1]
    assert utf16_slice(TEXT, second["offset"], second["length"]) == "hoertje"
    ctx = second["context"]
    assert utf16_slice(ctx["text"], ctx["offset"], ctx["length"]) == "hoertje"
    assert first["rule"]["category"] == {"id": "TERM", "name": "Woorden en uitdrukkingen"}
    assert first["rule"]["urls"] == [{"value": DOCS + "/term.md#termprostituee"}]
    assert first["type"] == {"typeName": "Other"} and first["shortMessage"]


def test_conflation_is_an_inconsistency(server):
    text = f"{MARKER}. Het beleid over mensenhandel en prostitutie wordt herzien."
    match = next(m for m in lt_check(server, text=text).json()["matches"] if m["rule"]["category"]["id"] == "CONFLATION")
    assert match["rule"]["issueType"] == "inconsistency"
    assert utf16_slice(text, match["offset"], match["length"]) == "mensenhandel en prostitutie"


def test_data_annotation_counts_markup_but_does_not_check_it(server):
    parts = [{"markup": "<p>"}, {"text": f"😀 {MARKER}, de "}, {"markup": "<b class='prostituee'>", "interpretAs": ""},
             {"text": "prostituees"}, {"markup": "</b>"}, {"text": " wachten."}, {"markup": "</p>", "interpretAs": "\n\n"},
             {"markup": "<img alt='hoertje'>"}]
    original = "".join(p.get("text", p.get("markup")) for p in parts)
    answer = lt_check(server, data=json.dumps({"annotation": parts})).json()
    assert [utf16_slice(original, m["offset"], m["length"]) for m in answer["matches"]] == ["prostituees"]


def test_form_data_labelled_as_json_like_ltex_sends_it(server):
    parts = [{"markup": "\\section{"}, {"text": f"{MARKER} en de prostituees"}, {"markup": "}", "interpretAs": "\n\n"}]
    body = urllib.parse.urlencode({"language": "nl", "data": json.dumps({"annotation": parts})})
    response = requests.post(server + "/v2/check", data=body, headers={"Content-Type": "application/json"}, timeout=10)
    original = "".join(p.get("text", p.get("markup")) for p in parts)
    assert [utf16_slice(original, m["offset"], m["length"]) for m in response.json()["matches"]] == ["prostituees"]


def test_other_languages_get_no_matches_and_auto_is_dutch(server):
    assert lt_check(server, text=TEXT, language="en-US").json()["matches"] == []
    assert len(lt_check(server, text=TEXT, language="auto").json()["matches"]) == 3
    assert len(lt_check(server, text=TEXT, language="nl-BE").json()["matches"]) == 3


def test_harmless_extra_parameters_are_ignored(server):
    answer = lt_check(server, text=TEXT, username="a@b.nl", apiKey="x", motherTongue="nl", preferredVariants="nl-NL",
                      mode="all", level="picky", disabledCategories="TYPOS", enabledRules="ONBEKEND_RULE")
    assert len(answer.json()["matches"]) == 3


@pytest.mark.parametrize("params, fragment", [
    ({"language": "nl-NL"}, "'text' of 'data' ontbreekt"),
    ({"data": "{niet json", "language": "nl"}, "geen geldige JSON"),
    ({"data": json.dumps({"annotation": [{"tekst": "x"}]}), "language": "nl"}, "'text' of 'markup'"),
    ({"text": "x", "level": "streng", "language": "nl"}, "'level'"),
    ({"text": "x", "enabledOnly": "misschien", "language": "nl"}, "'enabledOnly'"),
    ({"text": "x", "enabledOnly": "true", "language": "nl"}, "enabledRules"),
    ({"text": "x", "language": "nl_NL!"}, "taalcode"),
    ({"text": "x"}, "'language' ontbreekt"),
])
def test_bad_requests_get_400_with_a_plain_message(server, params, fragment):
    response = requests.post(server + "/v2/check", data=params, timeout=10)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/plain")
    assert fragment in response.text


def test_too_large_gets_413(server):
    response = lt_check(server, text=MARKER + " prostituee" * 20000)
    assert response.status_code == 413 and "200000 bytes" in response.text


def test_text_in_the_query_string_is_answered_but_not_logged(server):
    response = requests.get(server + "/v2/check", params={"text": f"{MARKER} prostituees", "language": "nl"}, timeout=10)
    assert [m["rule"]["id"] for m in response.json()["matches"]] == ["term.prostituee"]


def test_a_killed_worker_is_replaced(running):
    import os
    import signal
    import time

    workers = [pid for pid in running.processes() if pid != running.proc.pid]
    assert len(workers) == 2
    os.kill(workers[0], signal.SIGKILL)
    time.sleep(0.5)
    for _ in range(6):
        response = lt_check(running.url, text=TEXT)
        assert response.status_code == 200 and len(response.json()["matches"]) == 3
    now = [pid for pid in running.processes() if pid != running.proc.pid]
    assert len(now) == 2 and workers[0] not in now


# --------------------------------------------------------------------------- the page's endpoints


def make_docx(*paragraphs) -> bytes:
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def docx_text(data: bytes) -> list[str]:
    import docx

    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def test_page_check_and_apply_all_on_pasted_text(server):
    text = f"{MARKER}. De prostituees wachten 😀 op de hoerenloper."
    result = requests.post(server + "/api/check", files={"text": (None, text)}, timeout=10).json()
    assert [(f["text"], f["fixable"]) for f in result["findings"]] == [("prostituees", True), ("hoerenloper", True)]
    f = result["findings"][1]
    assert text[f["start"]:f["end"]] == "hoerenloper" and f["rationale"]
    assert (f["start16"], f["end16"]) == (f["start"] + 1, f["end"] + 1)  # the emoji counts two UTF-16 units
    fixed = requests.post(server + "/api/apply", files={"file": ("tekst.txt", text.encode()), "name": (None, "tekst.txt"),
                                                       "choice": (None, json.dumps({"all": True}))}, timeout=10).json()
    assert base64.b64decode(fixed["data"]).decode() == f"{MARKER}. De sekswerkers wachten 😀 op de klant."
    assert fixed["applied"] == 2 and fixed["findings"] == [] and fixed["source"].endswith("op de klant.")


def test_page_apply_one_suggestion(server):
    text = f"{MARKER}. De prostituees wachten op de hoerenloper."
    first = requests.post(server + "/api/check", files={"text": (None, text)}, timeout=10).json()["findings"][0]
    choice = {"rule": first["rule"], "start": first["start"], "end": first["end"], "suggestion": 0}
    result = requests.post(server + "/api/apply", files={"file": ("tekst.txt", text.encode()), "choice": (None, json.dumps(choice))},
                           timeout=10).json()
    assert result["source"] == f"{MARKER}. De sekswerkers wachten op de hoerenloper."
    assert [f["text"] for f in result["findings"]] == ["hoerenloper"]


def test_page_docx_upload_check_and_fix(server):
    data = make_docx(f"{MARKER}", "De prostituees wachten.", "Een alinea zonder meldingen.")
    result = requests.post(server + "/api/check", files={"file": ("brief.docx", data)}, timeout=10).json()
    assert result["reader"] == "docx" and [f["text"] for f in result["findings"]] == ["prostituees"]
    fixed = requests.post(server + "/api/apply", files={"file": ("brief.docx", data), "choice": (None, '{"all": true}')},
                          timeout=10).json()
    assert docx_text(base64.b64decode(fixed["data"])) == [MARKER, "De sekswerkers wachten.", "Een alinea zonder meldingen."]
    f = result["findings"][0]
    choice = {"rule": f["rule"], "start": f["start"], "end": f["end"], "suggestion": 0}
    one = requests.post(server + "/api/apply", files={"file": ("brief.docx", data), "choice": (None, json.dumps(choice))},
                        timeout=10).json()
    assert one["applied"] == 1 and one["problem"] is None and one["findings"] == []
    assert docx_text(base64.b64decode(one["data"]))[1] == "De sekswerkers wachten."


def test_page_html_upload_fix_keeps_the_markup(server):
    html = f"<html><body><h1>{MARKER}</h1><p>De prostituees &amp; de hoerenloper.</p></body></html>"
    result = requests.post(server + "/api/check", files={"file": ("pagina.html", html.encode())}, timeout=10).json()
    assert result["reader"] == "html" and [f["text"] for f in result["findings"]] == ["prostituees", "hoerenloper"]
    f = result["findings"][1]
    choice = {"rule": f["rule"], "start": f["start"], "end": f["end"], "suggestion": 0}
    one = requests.post(server + "/api/apply", files={"file": ("pagina.html", html.encode()),
                                                     "choice": (None, json.dumps(choice))}, timeout=10).json()
    assert base64.b64decode(one["data"]).decode() == html.replace("hoerenloper", "klant")


def test_page_bad_file_gets_the_readers_dutch_error(server):
    result = requests.post(server + "/api/check", files={"file": ("kapot.docx", MARKER.encode() + b" geen zip")}, timeout=10)
    assert result.status_code == 200 and result.json()["findings"] == []
    assert "Word" in result.json()["error"] and MARKER not in result.json()["error"]
    other = requests.post(server + "/api/check", files={"file": ("tabel.pdf", b"%PDF")}, timeout=10)
    assert other.status_code == 400 and ".docx" in other.json()["error"]


def test_page_is_dutch_and_loads_nothing_from_elsewhere(server):
    page = requests.get(server + "/", timeout=10)
    assert '<html lang="nl">' in page.text and "http" not in page.text.replace('href="#', "")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for asset in ("/static/app.js", "/static/style.css"):
        body = requests.get(server + asset, timeout=10).text
        assert "http://" not in body and "https://" not in body and "@import" not in body


# --------------------------------------------------------------------------- privacy (runs last)


def test_zz_no_request_text_in_the_log(running):
    log = running.log()
    for line in ("POST /v2/check 200", "GET /v2/check 200", "POST /v2/check 400", "POST /v2/check 413",
                 "POST /api/check 200", "POST /api/apply 200", "GET /v2/languages 200"):
        assert line in log
    for secret in (MARKER, "prostitu", "hoertje", "sekswerker", "language=", "text=", "brief.docx"):
        assert secret not in log
