"""--format sarif: real CLI output validated against the official SARIF 2.1.0 schema."""

import json

import pytest

from conftest import run_cli_in, shared_path

SCHEMA = shared_path("schemas", "sarif-schema-2.1.0.json")


def sarif(args, cwd):
    code, output = run_cli_in(cwd, ["check", "--format", "sarif", *args])
    return code, json.loads(output)


@pytest.fixture
def pages(tmp_path):
    (tmp_path / "map met spatie").mkdir()
    source = "Titel\r\n\r\nDe prostituée krijgt hulp.\n\nHet bordeel sluit. 100% zeker.\n"
    (tmp_path / "map met spatie" / "café.txt").write_bytes(source.encode("utf-8"))
    (tmp_path / "schoon.txt").write_text("Over zwembaden.\n", encoding="utf-8")
    return tmp_path, source


def validator():
    if not SCHEMA.is_file():
        pytest.skip(f"SARIF schema not found at {SCHEMA} (shared material absent)")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_output_validates_against_the_schema(pages):
    tmp_path, _ = pages
    (tmp_path / "stuk.txt").write_bytes(b"\xff\xfe\x00\x00binair\x00")
    (tmp_path / "oud.txt").write_text("# stigmacheck-disable-next-line term.hoer\nOver zwembaden.\n", encoding="utf-8")
    code, log = sarif(["--report-unused-suppressions", "--fail-on", "suggestion", "."], tmp_path)
    assert code == 2  # the unreadable file
    errors = sorted(validator().iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
    run = log["runs"][0]
    assert log["version"] == "2.1.0" and run["columnKind"] == "unicodeCodePoints"
    assert {r["ruleId"] for r in run["results"]} == {"term.prostituee", "term.bordeel", "stigmacheck.unused-suppression"}


def test_results_rules_locations_and_fixes(pages):
    tmp_path, source = pages
    code, log = sarif(["."], tmp_path)
    assert code == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "stigmacheck" and driver["version"] and "informationUri" not in driver
    rules = driver["rules"]
    by_id = {r["id"]: r for r in rules}
    assert by_id["term.bordeel"]["defaultConfiguration"]["level"] == "note"  # suggestion -> note
    assert by_id["term.prostituee"]["defaultConfiguration"]["level"] == "warning"
    assert by_id["term.hoer"]["defaultConfiguration"]["level"] == "error"
    prost = by_id["term.prostituee"]
    assert prost["properties"]["category"] == "term"
    assert prost["shortDescription"]["text"] and prost["fullDescription"]["text"]
    assert "Kamerstuk" in prost["help"]["text"] and "**Bronnen**" in prost["help"]["markdown"]
    assert "**Voorbeelden**" in prost["help"]["markdown"]

    first, second = run["results"]
    assert rules[first["ruleIndex"]]["id"] == first["ruleId"] == "term.prostituee"
    assert rules[second["ruleIndex"]]["id"] == second["ruleId"] == "term.bordeel"
    assert (first["level"], second["level"]) == ("warning", "note")
    assert "sekswerker" in first["message"]["text"]
    loc = first["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "map%20met%20spatie/caf%C3%A9.txt"
    region = loc["region"]
    # CRLF counts as one line break; columns are 1-based code points, endColumn exclusive
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (3, 4, 3, 14)
    assert source[region["charOffset"]:region["charOffset"] + region["charLength"]] == "prostituée"
    (fix,) = first["fixes"]
    (change,) = fix["artifactChanges"]
    (replacement,) = change["replacements"]
    assert replacement["insertedContent"]["text"] == "sekswerker"
    assert replacement["deletedRegion"]["charOffset"] == region["charOffset"]
    assert change["artifactLocation"]["uri"] == loc["artifactLocation"]["uri"]
    assert run["invocations"][0]["executionSuccessful"] is True


def test_read_errors_become_tool_notifications(tmp_path):
    (tmp_path / "a.txt").write_text("De hoeren.\n", encoding="utf-8")
    code, log = sarif(["a.txt", "ontbreekt.txt"], tmp_path)
    assert code == 2
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    (note,) = [n for n in invocation["toolExecutionNotifications"] if n["level"] == "error"]
    assert "ontbreekt.txt" in note["message"]["text"] and "niet gevonden" in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "ontbreekt.txt"
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["term.hoer"]


def test_severity_override_changes_result_level_not_rule_default(tmp_path):
    (tmp_path / "a.txt").write_text("Het bordeel sluit.\n", encoding="utf-8")
    (tmp_path / ".stigmacheck.yaml").write_text("severity:\n  term.bordeel: error\n", encoding="utf-8")
    code, log = sarif(["a.txt"], tmp_path)
    assert code == 1
    (result,) = log["runs"][0]["results"]
    assert result["level"] == "error"
    rule = log["runs"][0]["tool"]["driver"]["rules"][result["ruleIndex"]]
    assert rule["defaultConfiguration"]["level"] == "note"


def test_absolute_paths_outside_the_working_directory_become_file_uris(tmp_path):
    from stigmacheck.report.sarif import artifact_uri

    assert artifact_uri("docs/a b.md") == "docs/a%20b.md"
    assert artifact_uri("./docs/x.md") == "docs/x.md"
    assert artifact_uri("-") == "stdin"
    outside = "/nergens/anders/é.txt"
    assert artifact_uri(outside).startswith("file:///") and artifact_uri(outside).endswith("/%C3%A9.txt")
