"""Reviewer checks specific to the term kind (`rules validate`): exceptions that hide a term,
phrase forms written twice, and each term entry reachable by an example or a sample sentence."""

from __future__ import annotations

import dataclasses
import fnmatch
import itertools
import os


def lint(rule, ruleset, lang: str) -> list:
    return _term_gender(rule, lang) + _term_exceptions(rule, lang) + _term_phrases(rule, ruleset, lang)


def lint_examples(rule, ruleset, lang: str) -> list:
    """Once the examples ran and at least one flag example was found: every entry reachable."""
    return _term_reachability(rule, ruleset, lang)


def _term_gender(rule, lang: str) -> list:
    """A noun (or a phrase with a head) that gets a replacement needs both articles: fix changes
    'de'/'het' and the words that agree only when it knows them."""
    from stigmacheck.curation.lint import problem

    out = []
    for i, entry in enumerate(rule.data.get("terms") or []):
        if not entry.get("replace") or not ("noun" in entry or ("phrase" in entry and "head" in entry)):
            continue
        missing = [k for k in ("gender", "replace_gender") if k not in entry]
        noun, replacement = entry.get("noun", ""), entry["replace"]
        same_head = " " not in replacement and len(os.path.commonprefix([noun[::-1], replacement[::-1]])) >= 4
        if missing and not same_head:  # "proefwoord" -> "testwoord": one head, one article
            term = entry.get("noun") or entry.get("phrase")
            out.append(problem("gender_needed", lang, rule.path, rule.line_of("terms", i), f"terms[{i}]", "warning",
                               term=term, missing=(" en " if lang == "nl" else " and ").join(missing)))
    return out


def _term_exceptions(rule, lang: str) -> list:
    from stigmacheck.checks.term import build_entries
    from stigmacheck.curation.lint import problem
    from stigmacheck.dutch import fold

    out = []
    patterns = rule.data.get("exceptions") or []
    for entry in build_entries(rule):
        forms = list(entry.all_forms) or [" ".join(sorted(slot)[0] for slot in entry.phrase)]
        for j, pattern in enumerate(patterns):
            hit = next((f for f in forms if fnmatch.fnmatchcase(f, fold(pattern))), None)
            if hit:
                out.append(problem("exception_hides_term", lang, rule.path, rule.line_of("exceptions", j),
                                    f"exceptions[{j}]", pattern=pattern, form=hit))
    return out


def phrase_variants(entry, limit: int = 64) -> list[str]:
    """Every spelled-out form of a multi-word phrase ('vrouw|vrouwen van ...' -> each combination)."""
    slots = [sorted(slot) for slot in entry.phrase]
    return [" ".join(words) for words in itertools.islice(itertools.product(*slots), limit)]


def _term_phrases(rule, ruleset, lang: str) -> list:
    """Duplicates the loader does not see: phrase alternatives beyond the first, and repeats in one rule."""
    from stigmacheck.checks.term import build_entries
    from stigmacheck.curation.lint import problem

    out = []
    own: dict[str, int] = {}
    for entry in build_entries(rule):
        forms = phrase_variants(entry) if entry.phrase else [f for f, tag in entry.all_forms.items()]
        line = rule.line_of("terms", entry.index)
        for form in forms:
            if form in own and own[form] != entry.index:
                out.append(problem("duplicate_in_rule", lang, rule.path, line, f"terms[{entry.index}]",
                                    "warning", form=form, first=own[form]))
            own.setdefault(form, entry.index)
    first_combo = set()
    for entry in build_entries(rule):
        if entry.phrase:
            first_combo.add(" ".join(sorted(s)[0] for s in entry.phrase))
    for other in ruleset.rules:
        if other is rule or other.kind != "term":
            continue
        for entry in build_entries(other):
            if not entry.phrase:
                continue
            other_first = " ".join(sorted(s)[0] for s in entry.phrase)
            for form in phrase_variants(entry):
                if form in own and not (form in first_combo and form == other_first):  # that one the loader reports
                    k = own[form]
                    out.append(problem("phrase_in_two_rules", lang, rule.path, rule.line_of("terms", k), f"terms[{k}]",
                                        form=form, other=other.id, where=f"{other.path}:{other.line_of('id')}"))
    return out


def sample_sentence(spec: dict) -> str:
    """The simplest sentence that should contain a term entry."""
    if "noun" in spec:
        return f"Het gaat om {spec['noun']}."
    if "verb" in spec:
        obj = (spec.get("object") or [""])[0]
        return f"Zij wil {obj} {spec['verb']}.".replace("  ", " ")
    return f"Het gaat om {' '.join(w.split('|')[0] for w in spec['phrase'].split())}."


def _term_reachability(rule, ruleset, lang: str) -> list:
    """Each term entry on its own: found in one of the rule's flag examples, or at least in a sample sentence."""
    from stigmacheck.curation.lint import problem
    from stigmacheck.documents.text import read_text
    from stigmacheck.engine import Engine
    from stigmacheck.ruleset.loader import RuleSet

    out = []
    for i, spec in enumerate(rule.data["terms"]):
        single = dataclasses.replace(rule, data={**rule.data, "terms": [spec]})
        engine = Engine(RuleSet([single], ruleset.names, ruleset.version, ruleset.concepts))

        def finds(text: str) -> bool:
            return any(f.rule == rule.id for f in engine.check_document(read_text("<voorbeeld>", text)))

        term = spec.get("noun") or spec.get("verb") or spec.get("phrase")
        if any(finds(ex.text) for ex in rule.flag_examples):
            continue
        sample = sample_sentence(spec)
        if finds(sample):
            out.append(problem("term_without_example", lang, rule.path, rule.line_of("terms", i), f"terms[{i}]",
                                "warning", term=term))
        else:
            out.append(problem("term_never_found", lang, rule.path, rule.line_of("terms", i), f"terms[{i}]",
                                term=term, sample=sample, rule=rule.id))
    return out
