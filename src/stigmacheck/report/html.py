"""--format html: one self-contained, accessible report in Dutch.

Inline CSS and JS only (a Content-Security-Policy forbids every network request). Per file the
source text with each finding as a button (colour *and* a text label per severity); the button
opens the message, reason, sources and suggestions below it. Printing shows every explanation.
"""

from __future__ import annotations

import re
from html import escape as _escape

from stigmacheck import __version__
from stigmacheck.findings import CATEGORIES, SEVERITIES, SEVERITY_TABLE, category_label

# Characters HTML does not allow in text (C0/C1 controls but tab, line feed, form feed, carriage
# return; noncharacters; lone surrogates from a file name that is not UTF-8): shown as U+FFFD,
# one for one, so the report is always valid HTML and valid UTF-8.
_NOT_IN_HTML = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def escape(text: str, quote: bool = True) -> str:
    return _escape(_NOT_IN_HTML.sub("\ufffd", text), quote)


SEVERITY_LABELS = {s.id: s.label for s in SEVERITY_TABLE}
SEVERITY_PLURALS = {s.id: s.plural for s in SEVERITY_TABLE}

# Colours: text on its own background, every pair >= 4.5:1 (WCAG 2.1 AA); checked by a test.
INK, PAPER, MUTED, FOCUS = "#1b1b1b", "#ffffff", "#4f4f4f", "#1a46c8"
PALETTE = {  # severity: (highlight background, tag/border colour; white text on the tag)
    "error": ("#fbe2e3", "#a3161b"),
    "warning": ("#fdefc3", "#7a4600"),
    "suggestion": ("#e1eefc", "#0b59a8"),
    "info": ("#ececec", "#4d4d4d"),
}


def _css() -> str:
    sev = []
    for name, (light, strong) in PALETTE.items():
        sev.append(
            f".ernst-{name}.treffer{{color:{INK};background-color:{light};border-bottom:3px solid {strong}}}\n"
            f".ernst-{name} .label,.tag.ernst-{name}{{color:{PAPER};background-color:{strong}}}\n"
            f".uitleg.ernst-{name}{{color:{INK};background-color:{PAPER};border-left:6px solid {strong}}}\n"
        )
    return f"""
*{{box-sizing:border-box}}
body{{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;line-height:1.5;margin:0 auto;max-width:62rem;padding:1rem 1.5rem 3rem;color:{INK};background-color:{PAPER}}}
h1{{font-size:1.6rem;margin:.5rem 0}}
h2{{font-size:1.3rem;margin:2rem 0 .5rem;border-bottom:2px solid {MUTED}}}
h3{{font-size:1.05rem;margin:1.2rem 0 .4rem}}
.meta{{color:{MUTED};background-color:{PAPER}}}
table{{border-collapse:collapse;margin:.5rem 0 1rem}}
caption{{text-align:left;font-weight:600;padding-bottom:.3rem}}
th,td{{border:1px solid {MUTED};padding:.25rem .6rem;text-align:right}}
th[scope=row],thead th:first-child{{text-align:left}}
.bron{{white-space:pre-wrap;overflow-wrap:anywhere;line-height:1.7;border:1px solid {MUTED};padding:1rem;border-radius:4px;color:{INK};background-color:{PAPER}}}
.treffer{{font:inherit;white-space:pre-wrap;padding:0 .15rem;margin:0;border:0;border-radius:2px;cursor:pointer;text-align:left}}
.label,.tag{{font-family:system-ui,Arial,sans-serif;font-size:.72rem;font-weight:700;padding:0 .3rem;margin-left:.25rem;border-radius:3px;white-space:nowrap;vertical-align:.1em}}
.treffer[aria-expanded=true]{{box-shadow:inset 0 0 0 2px {INK}}}
button:focus-visible,a:focus-visible{{outline:3px solid {FOCUS};outline-offset:2px}}
.uitleg{{display:block;white-space:normal;line-height:1.5;font-size:.95rem;margin:.4rem 0 .6rem;padding:.5rem .8rem;box-shadow:0 1px 3px rgba(0,0,0,.25)}}
.uitleg[hidden]{{display:none}}
.uitleg .kop{{display:block;font-weight:700}}
.uitleg .regel{{display:block;margin:.25rem 0}}
.uitleg .bronnen{{display:block;margin:.25rem 0 0 1.2rem}}
.uitleg .bronnen span{{display:list-item}}
.kaart{{display:block;margin:.6rem 0}}
.fout-bestand{{color:#8c1116;background-color:{PAPER};font-weight:600}}
.bediening button,.naar{{font:inherit;padding:.3rem .8rem;margin:0 .5rem .5rem 0;border:2px solid {FOCUS};border-radius:4px;color:{FOCUS};background-color:{PAPER};cursor:pointer}}
.overzicht{{margin:.3rem 0 1rem;padding-left:1.5rem}}
.overzicht a{{color:{FOCUS};background-color:{PAPER}}}
.leeg{{color:{MUTED};background-color:{PAPER};font-style:italic}}
{''.join(sev)}
@media print{{
  .bediening,.hint,.overzicht,.overzicht-kop{{display:none}}
  .uitleg[hidden]{{display:block}}
  .uitleg{{box-shadow:none;break-inside:avoid}}
  .treffer{{box-shadow:none}}
  body{{max-width:none;padding:0}}
  .bron{{border:0;padding:0}}
}}
"""


SCRIPT = """
(function () {
  "use strict";
  function setOpen(button, open) {
    var panel = document.getElementById(button.getAttribute("aria-controls"));
    if (!panel) { return; }
    button.setAttribute("aria-expanded", open ? "true" : "false");
    panel.hidden = !open;
  }
  document.addEventListener("click", function (event) {
    var target = event.target;
    var button = target.closest("button.treffer");
    if (button) {
      setOpen(button, button.getAttribute("aria-expanded") !== "true");
      return;
    }
    var all = target.closest("button[data-alles]");
    if (all) {
      var open = all.getAttribute("data-alles") === "open";
      document.querySelectorAll("button.treffer").forEach(function (b) { setOpen(b, open); });
      return;
    }
    var link = target.closest("a.naar-treffer");
    if (link) {
      var goal = document.getElementById(link.getAttribute("href").slice(1));
      if (goal) {
        event.preventDefault();
        setOpen(goal, true);
        goal.focus();
        goal.scrollIntoView({block: "center"});
      }
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var active = document.activeElement;
    if (active && active.matches("button.treffer")) { setOpen(active, false); }
  });
})();
"""


def render(results, ruleset, stream, color: bool = False, verbose: bool = False, **_) -> None:
    stream.write(build(results))


def build(results) -> str:
    parts = [
        "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n",
        f"<meta name=\"generator\" content=\"stigmacheck {escape(__version__)}\">\n",  # running/files.py skips it
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n",
        "<title>stigmacheck: rapport</title>\n<style>", _css(), "</style>\n</head>\n<body>\n",
        "<header>\n<h1>Rapport van stigmacheck</h1>\n",
        _meta_line(results),
        "</header>\n<main>\n",
        _summary(results),
        "<div class=\"bediening\" role=\"group\" aria-label=\"Uitleg\">"
        "<button type=\"button\" data-alles=\"open\">Alle uitleg tonen</button>"
        "<button type=\"button\" data-alles=\"dicht\">Alle uitleg verbergen</button></div>\n",
        "<p class=\"meta hint\">Kies een gemarkeerd woord (klik, of Tab en dan Enter of spatie) voor de uitleg. "
        "Escape sluit de uitleg weer.</p>\n",
    ]
    for i, result in enumerate(results, 1):
        parts.append(_file_section(i, result))
    parts.append("</main>\n<script>" + SCRIPT + "</script>\n</body>\n</html>\n")
    return "".join(parts)


def _meta_line(results) -> str:
    findings = sum(len(r.findings) for r in results)
    errors = sum(1 for r in results if r.error)
    text = f"stigmacheck {__version__} · {len(results)} bestand(en) · {findings} melding(en)"
    if errors:
        text += f" · {errors} bestand(en) met een fout"
    return f"<p class=\"meta\">{escape(text)}</p>\n"


def _summary(results) -> str:
    counts = {(c, s): 0 for c in CATEGORIES for s in SEVERITIES}
    for r in results:
        for f in r.findings:
            counts[(f.category, f.severity)] = counts.get((f.category, f.severity), 0) + 1
    order = list(reversed(SEVERITIES))
    head = "".join(f"<th scope=\"col\">{SEVERITY_LABELS[s]}</th>" for s in order)
    rows = []
    for c in CATEGORIES:
        cells = "".join(f"<td>{counts[(c, s)]}</td>" for s in order)
        total = sum(counts[(c, s)] for s in order)
        rows.append(f"<tr><th scope=\"row\">{escape(category_label(c))}</th>{cells}<td>{total}</td></tr>")
    totals = "".join(f"<td>{sum(counts[(c, s)] for c in CATEGORIES)}</td>" for s in order)
    grand = sum(counts.values())
    rows.append(f"<tr><th scope=\"row\">Totaal</th>{totals}<td>{grand}</td></tr>")
    return (
        "<section aria-labelledby=\"samenvatting\">\n<h2 id=\"samenvatting\">Samenvatting</h2>\n"
        "<table>\n<caption>Meldingen per categorie en ernst</caption>\n"
        f"<thead><tr><th scope=\"col\">Categorie</th>{head}<th scope=\"col\">totaal</th></tr></thead>\n"
        f"<tbody>{''.join(rows)}</tbody>\n</table>\n</section>\n"
    )


def _count_line(findings) -> str:
    if not findings:
        return "Geen meldingen."
    per = []
    for s in reversed(SEVERITIES):
        n = sum(1 for f in findings if f.severity == s)
        if n:
            per.append(f"{n} {SEVERITY_LABELS[s] if n == 1 else SEVERITY_PLURALS[s]}")
    return f"{len(findings)} melding(en): " + ", ".join(per) + "."


def _file_section(i: int, result) -> str:
    out = [f"<section class=\"bestand\" aria-labelledby=\"b{i}\">\n<h2 id=\"b{i}\">{escape(result.path)}</h2>\n"]
    if result.error:
        out.append(f"<p class=\"fout-bestand\">Fout: {escape(result.error)}</p>\n</section>\n")
        return "".join(out)
    for note in result.notes:
        out.append(f"<p class=\"meta\">Let op: {escape(note)}</p>\n")
    findings = list(result.findings)
    out.append(f"<p>{escape(_count_line(findings))}</p>\n")
    doc = result.document
    if not findings or doc is None:
        out.append("</section>\n")
        return "".join(out)

    inline, cards = _split(findings, len(doc.source))
    inline_ids = {id(f) for f in inline}
    out.append(f"<h3 class=\"overzicht-kop\" id=\"o{i}\">Overzicht</h3>\n<ol class=\"overzicht\" aria-labelledby=\"o{i}\">")
    for k, f in enumerate(findings, 1):
        line, col = doc.line_col(f.start)
        label = f"regel {line}, kolom {col}: {SEVERITY_LABELS[f.severity]} '{f.text}'"
        target = f"t{i}-{k}" if id(f) in inline_ids else f"k{i}-{k}"
        out.append(f"<li><a class=\"naar-treffer\" href=\"#{target}\">{escape(label)}</a></li>")
    out.append("</ol>\n")
    if cards:
        out.append("<h3>Meldingen die niet in de tekst gemarkeerd zijn</h3>\n")
        for k, f in enumerate(findings, 1):
            if id(f) not in inline_ids:
                out.append(f"<div class=\"kaart\" id=\"k{i}-{k}\" tabindex=\"-1\">")
                out.append(_details(f, doc, f"u{i}-{k}", hidden=False))
                out.append("</div>\n")
    out.append(f"<h3 id=\"tekst{i}\">Tekst</h3>\n<div class=\"bron\" aria-labelledby=\"tekst{i}\">")
    pos = 0
    source = doc.source
    for k, f in enumerate(findings, 1):
        if id(f) not in inline_ids:
            continue
        out.append(escape(source[pos:f.start]))
        label = SEVERITY_LABELS[f.severity]
        out.append(
            f"<button type=\"button\" class=\"treffer ernst-{f.severity}\" id=\"t{i}-{k}\" "
            f"aria-expanded=\"false\" aria-controls=\"u{i}-{k}\">{escape(source[f.start:f.end])}"
            f"<span class=\"label\">{label}</span></button>"
        )
        out.append(_details(f, doc, f"u{i}-{k}", hidden=True))
        pos = f.end
    out.append(escape(source[pos:]))
    out.append("</div>\n</section>\n")
    return "".join(out)


def _split(findings, length: int):
    """Span findings that can be marked in the text without overlap; the rest become cards."""
    inline, cards, cursor = [], [], 0
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        if f.scope == "span" and cursor <= f.start < f.end <= length:
            inline.append(f)
            cursor = f.end
        else:
            cards.append(f)
    return inline, cards


def _fix_line(f, doc) -> str:
    """What `stigmacheck fix` does with this finding, from its Fix (never worked out again here)."""
    if f.fixable and doc.source is not None:
        from stigmacheck.fixing.apply import applied

        done = applied(doc.source, f)
        return (f"<span class=\"regel\"><strong>Automatisch herstel:</strong> <code>stigmacheck fix</code> maakt van "
                f"‘{escape(done.before)}’ ‘{escape(done.after)}’.</span>")
    from stigmacheck.fixing.plan import reason_left

    return f"<span class=\"regel\"><strong>Niet automatisch:</strong> {escape(reason_left(f))}.</span>"


def _details(f, doc, ident: str, hidden: bool) -> str:
    line, col = doc.line_col(f.start)
    label = SEVERITY_LABELS[f.severity]
    where = f"regel {line}, kolom {col}"
    if f.scope != "span":
        where = f"over het hele document (eerste vermelding: {where})"
    rows = [
        f"<span class=\"kop\"><span class=\"tag ernst-{f.severity}\">{label}</span> "
        f"{escape(category_label(f.category))} · {escape(f.rule)} · {escape(where)}</span>",
        f"<span class=\"regel\">{escape(f.message)}</span>",
    ]
    if f.suggestions:
        alts = " of ".join(f"‘{escape(s)}’" for s in f.suggestions)
        rows.append(f"<span class=\"regel\"><strong>Suggestie:</strong> ‘{escape(f.text)}’ → {alts}</span>")
        rows.append(_fix_line(f, doc))
    else:
        rows.append("<span class=\"regel\"><strong>Suggestie:</strong> geen vaste vervanging; "
                    "kies de woorden die bij de feiten passen.</span>")
    rationale = f.extra.get("rationale")
    if rationale:
        rows.append(f"<span class=\"regel\"><strong>Waarom:</strong> {escape(rationale)}</span>")
    sources = f.extra.get("sources") or []
    if sources:
        items = "".join(f"<span>{escape(str(s))}</span>" for s in sources)
        rows.append(f"<span class=\"regel\"><strong>Bronnen:</strong></span><span class=\"bronnen\">{items}</span>")
    hidden_attr = " hidden" if hidden else ""
    return (
        f"<span class=\"uitleg ernst-{f.severity}\" id=\"{ident}\" role=\"region\" "
        f"aria-label=\"Uitleg bij '{escape(f.text)}'\"{hidden_attr}>{''.join(rows)}</span>"
    )
