"""Parts of `stigmacheck serve` in this process: the LanguageTool request mapping, the time limit
(through Starlette's TestClient), and the command's warnings and errors before it binds."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from stigmacheck.cli import main

pytest.importorskip("starlette", reason="pip install starlette")
pytest.importorskip("httpx", reason="pip install httpx (Starlette's TestClient)")

from starlette.testclient import TestClient

from stigmacheck.server import languagetool as lt
from stigmacheck.server import work
from stigmacheck.server.app import Settings, create_app


def test_utf16_offsets():
    units = lt.Utf16("a😀b😀c")
    assert [units(i) for i in range(6)] == [0, 1, 3, 4, 6, 7]


def test_annotation_maps_back_to_the_original():
    data = json.dumps({"annotation": [{"text": "De "}, {"markup": "<i>", "interpretAs": "x"}, {"text": "prostituees"},
                                      {"markup": "<br/>", "interpretAs": "\n"}, {"text": "wachten"}]})
    req = lt.parse_check({"data": data, "language": "nl"})
    assert req.original == "De <i>prostituees<br/>wachten" and req.checked == "De xprostituees\nwachten"
    assert req.to_original(4, 15) == (6, 17)  # inside one text part
    assert req.to_original(3, 15) == (3, 17)  # starts in a stand-in: from the start of its markup
    assert req.to_original(4, 23) == (6, 29)  # across a stand-in
    assert req.to_original(3, 4) is None  # only a stand-in: nothing the writer wrote


def test_sentence_and_context():
    text = "Eerste zin. De prostituees wachten! Derde zin."
    start = text.index("prostituees")
    assert lt.sentence_of(text, start, start + 11) == "De prostituees wachten!"
    ctx = lt.context_of("x" * 100 + "woord" + "y" * 100, 100, 105)
    assert ctx["text"].startswith("...") and ctx["text"].endswith("...")
    assert ctx["text"][ctx["offset"]:ctx["offset"] + ctx["length"]] == "woord"


def test_level_default_hides_info():
    req = lt.parse_check({"text": "x", "language": "nl"})
    info = {"rule": "term.prostituee", "category": "term", "severity": "info"}
    assert not lt.keep(req, info)
    assert lt.keep(lt.parse_check({"text": "x", "language": "nl", "level": "picky"}), info)


@pytest.fixture(scope="module")
def linter():
    return work.load()


@pytest.mark.parametrize("forked", [True, False], ids=["forked", "threads"])
def test_time_limit_gives_503(linter, monkeypatch, forked):
    monkeypatch.setattr(work, "forking", lambda: forked)
    pool = work.Pool(1, time_limit=0.001)
    assert (pool.forked is not None) == forked
    try:
        with TestClient(create_app(pool, Settings(max_bytes=2_000_000, time_limit=0.001))) as client:
            text = "De prostituees wachten op het spreekuur. " * 500
            response = client.post("/v2/check", data={"text": text, "language": "nl"})
            assert response.status_code == 503 and "tijdgrens" in response.text
            page = client.post("/api/check", files={"text": (None, text)})
            assert page.status_code == 503 and "te lang" in page.json()["error"]
    finally:
        pool.close()


def test_forked_worker_past_the_time_limit_is_stopped_and_replaced(linter):
    # 2 s: far more than a short text needs on a busy machine, far less than the long one takes
    pool = work.Pool(2, time_limit=2.0)
    try:
        before = {w.pid for w in pool.forked.workers}
        with TestClient(create_app(pool, Settings(max_bytes=5_000_000, time_limit=2.0))) as client:  # one event loop
            # tens of seconds: ten paragraphs (each under max_paragraph_chars), 20000 findings
            slow = "\n\n".join(["De prostituees wachten op het spreekuur. " * 2000] * 10)
            assert client.post("/v2/check", data={"text": slow, "language": "nl"}).status_code == 503
            for _ in range(4):  # the pool still answers, with a new worker in place of the stopped one
                answer = client.post("/v2/check", data={"text": "De prostituees wachten.", "language": "nl"})
                assert answer.status_code == 200 and len(answer.json()["matches"]) == 1
        after = {w.pid for w in pool.forked.workers}
        assert len(after) == 2 and len(before - after) == 1
        stopped = (before - after).pop()
        stat = Path(f"/proc/{stopped}/stat")
        assert not stat.exists() or stat.read_text().split()[2] == "Z"
    finally:
        pool.close()


def test_app_in_process_answers_like_the_server(linter):
    pool = work.Pool(1, time_limit=30)
    try:
        with TestClient(create_app(pool, Settings(max_bytes=1000))) as client:
            answer = client.post("/v2/check", data={"text": "De prostituees wachten.", "language": "nl"}).json()
            assert [m["rule"]["id"] for m in answer["matches"]] == ["term.prostituee"]
            assert "urls" not in answer["matches"][0]["rule"]  # no --docs-url
            assert client.post("/v2/check", data={"text": "x" * 2000, "language": "nl"}).status_code == 413
            page = client.get("/")
            assert page.headers["x-content-type-options"] == "nosniff" and "tot 1 kB." in page.text
    finally:
        pool.close()


def test_open_host_warns_loudly_before_anything_else(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--config", str(tmp_path / "bestaat-niet.yaml")])
    assert result.exit_code == 2
    assert "LET OP" in result.output and "0.0.0.0" in result.output and "fout" in result.output
    assert result.output.index("LET OP") < result.output.index("fout")


def test_loopback_does_not_warn(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--config", str(tmp_path / "bestaat-niet.yaml")])
    assert result.exit_code == 2 and "LET OP" not in result.output


def test_an_error_is_logged_by_its_type_only(caplog):
    from stigmacheck.server.limits import LimitsAndLog

    async def failing(scope, receive, send):
        raise ValueError("De prostituees wachten geheim")  # a message that quotes the text

    with caplog.at_level("INFO", logger="stigmacheck.serve"):
        client = TestClient(LimitsAndLog(failing, 1000), raise_server_exceptions=False)
        response = client.post("/v2/check?text=geheim", data={"text": "De prostituees wachten geheim"})
    assert response.status_code == 500 and "geheim" not in response.text
    assert "ValueError" in caplog.text and "POST /v2/check 500" in caplog.text
    assert "geheim" not in caplog.text and "prostitu" not in caplog.text


def test_the_page_hands_out_the_word_review_copy(linter):
    import io
    import zipfile

    import docx

    d = docx.Document()
    d.add_paragraph("Zij bestrijden de raamprostitutie. Een pooier kwam langs.")
    draft = io.BytesIO()
    d.save(draft)
    pool = work.Pool(1, time_limit=60)
    try:
        with TestClient(create_app(pool, Settings(max_bytes=1_000_000))) as client:
            answer = client.post("/api/review", files={"file": ("concept.docx", draft.getvalue())},
                                 data={"name": "concept.docx"})
            assert answer.status_code == 200, answer.text
            assert 'filename="concept.nagekeken.docx"' in answer.headers["content-disposition"]
            assert (answer.headers["x-stigmacheck-comments"], answer.headers["x-stigmacheck-changes"]) == ("2", "2")
            with zipfile.ZipFile(io.BytesIO(answer.content)) as copy:
                comments = copy.read("word/comments.xml").decode("utf-8")
                body = copy.read("word/document.xml").decode("utf-8")
            assert comments.count("<w:comment ") == 2 and 'w:author="stigmacheck"' in comments
            assert "<w:ins " in body and "<w:del " in body
            text = client.post("/api/review", data={"text": "De prostituees wachten.", "name": "tekst.txt"})
            assert text.status_code == 400 and "alleen van een Word-bestand" in text.text
            broken = client.post("/api/review", files={"file": ("kapot.docx", b"dit is geen Word-bestand")},
                                 data={"name": "kapot.docx"})
            assert broken.status_code == 400 and "zip-archief" in broken.text and "Traceback" not in broken.text
    finally:
        pool.close()
