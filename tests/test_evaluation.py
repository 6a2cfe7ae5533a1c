"""`stigmacheck eval`: scoring rules on an annotated corpus."""

import textwrap

import pytest
from click.testing import CliRunner

from stigmacheck.cli import main
from stigmacheck.curation.evaluation import CorpusError, evaluate, load_corpus

CORPUS = textwrap.dedent(
    """\
    genre: test
    passages:
      - id: t-1
        text: "De prostituees en de hoerenlopers. Het woord prostituee."
        expect:
          - {category: term, span: prostituees, suggestion: sekswerkers}
          - {category: term, span: hoerenlopers, suggestion: cliënten}
        forbid:
          - {span: prostituee, occurrence: 2}
      - id: t-2
        text: "Het bordeel sluit. De gemeente bouwt een school."
    """
)


def test_scores_and_suggestion_accuracy(tmp_path, engine):
    (tmp_path / "c.yaml").write_text(CORPUS, encoding="utf-8")
    report = evaluate(load_corpus([tmp_path]), engine)
    term = report.by_category()["term"]
    assert (term.tp, term.fp, term.fn) == (2, 1, 0)  # bordeel is not annotated here: a false positive
    assert term.precision == pytest.approx(2 / 3) and term.recall == 1.0
    assert term.suggestion_accuracy == 0.5  # 'klanten' is not the 'cliënten' written in the corpus
    (fp,) = [o for o in report.errors() if o.kind == "fp"]
    assert fp.passage.id == "t-2" and "[[bordeel]]" in fp.context()


def test_bad_span_names_file_and_line(tmp_path):
    (tmp_path / "c.yaml").write_text(CORPUS.replace("span: hoerenlopers", "span: hoerenloopsters"), encoding="utf-8")
    with pytest.raises(CorpusError) as exc:
        load_corpus([tmp_path])
    assert "c.yaml:7: 'hoerenloopsters' staat niet (zo vaak) in de tekst van t-1" in str(exc.value)


def test_eval_command_prints_tables_and_errors(tmp_path):
    (tmp_path / "c.yaml").write_text(CORPUS, encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "term.hoerenloper" in result.output and "vals positief" in result.output
