/* The page: send the text or file to /api/check, show the findings in the text and in a list,
   apply a suggestion or all safe fixes through /api/apply, download the result.
   The page holds the document (as bytes); the server keeps nothing between requests. */
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const form = $("invoer"), textarea = $("tekst"), fileInput = $("bestand");
  const statusBox = $("status"), errorBox = $("fout"), section = $("resultaat");
  const docBox = $("document"), list = $("meldingen"), summary = $("samenvatting");
  const allButton = $("alles"), downloadButton = $("download"), sourceHint = $("bron-hint");
  const reviewButton = $("nakijken");

  let doc = null; // {blob, name, fromFile, changed, result}

  function say(text) { statusBox.textContent = text; }

  function showError(text) {
    errorBox.textContent = text;
    errorBox.hidden = !text;
  }

  function busy(on) {
    for (const b of document.querySelectorAll("button")) b.disabled = on;
    if (!on) allButton.disabled = !(doc && doc.result.counts.fixable);
  }

  async function post(url, data) {
    let response;
    try {
      response = await fetch(url, { method: "POST", body: data, credentials: "same-origin" });
    } catch (e) {
      throw new Error("De server is niet bereikbaar. Staat stigmacheck serve nog aan?");
    }
    const type = response.headers.get("content-type") || "";
    const body = type.includes("json") ? await response.json() : { error: await response.text() };
    if (!response.ok) throw new Error(body.error || "De server gaf een fout (" + response.status + ").");
    return body;
  }

  function formFor(blob, name) {
    const data = new FormData();
    data.append("file", blob, name);
    data.append("name", name);
    return data;
  }

  async function check(event) {
    event.preventDefault();
    showError("");
    const file = fileInput.files && fileInput.files[0];
    let blob, name;
    if (file) {
      blob = file; name = file.name;
    } else if (textarea.value.trim()) {
      blob = new Blob([textarea.value], { type: "text/plain;charset=utf-8" }); name = "tekst.txt";
    } else {
      showError("Plak een tekst of kies een bestand.");
      textarea.focus();
      return;
    }
    busy(true); say("Bezig met controleren …");
    try {
      const result = await post("/api/check", formFor(blob, name));
      doc = { blob: blob, name: name, fromFile: !!file, changed: false, result: result };
      fileInput.value = "";
      render(result);
    } catch (e) {
      say(""); showError(e.message);
    } finally {
      busy(false);
    }
  }

  async function apply(choice, done) {
    showError("");
    busy(true); say("Bezig met toepassen …");
    try {
      const result = await post("/api/apply", (() => {
        const data = formFor(doc.blob, doc.name);
        data.append("choice", JSON.stringify(choice));
        return data;
      })());
      const bytes = Uint8Array.from(atob(result.data), (c) => c.charCodeAt(0));
      doc.blob = new Blob([bytes], { type: doc.blob.type || "application/octet-stream" });
      doc.result = result;
      if (result.applied) doc.changed = true;
      if (!doc.fromFile && result.reader === "text") textarea.value = result.source;
      render(result, result.problem ? "Niet toegepast: " + result.problem
        : done(result.applied));
      summary.focus();
    } catch (e) {
      say(""); showError(e.message);
    } finally {
      busy(false);
    }
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function render(result, message) {
    section.hidden = false;
    reviewButton.hidden = !isWord();
    docBox.textContent = ""; list.textContent = "";
    if (result.error) {
      section.hidden = true;
      say("");
      showError(result.error);
      return;
    }
    const findings = result.findings;
    const fixable = result.counts.fixable;
    summary.textContent = findings.length
      ? plural(findings.length, "melding", "meldingen") + " in " + result.name +
        (fixable ? "; " + plural(fixable, "kan", "kunnen") + " automatisch worden hersteld." : ".")
      : "Geen meldingen in " + result.name + ".";
    summary.tabIndex = -1;
    sourceHint.hidden = !(result.reader === "html" || result.reader === "docx" || result.reader === "markdown");
    sourceHint.textContent = result.reader === "docx"
      ? "U ziet de tekst van het Word-bestand, één regel per alinea. Downloaden geeft het Word-bestand."
      : "U ziet de bron van het bestand, zoals het wordt opgeslagen.";
    renderText(result.source, findings);
    if (!findings.length) {
      const li = document.createElement("li");
      li.className = "leeg";
      li.textContent = "stigmacheck vond niets om te melden.";
      list.appendChild(li);
    }
    findings.forEach((f) => list.appendChild(item(f)));
    allButton.disabled = !fixable;
    say(message || (findings.length ? "Controle klaar: " + plural(findings.length, "melding", "meldingen") + "."
      : "Controle klaar: geen meldingen."));
  }

  function renderText(source, findings) {
    const order = findings.slice().sort((a, b) => a.start16 - b.start16 || b.end16 - a.end16);
    let at = 0;
    for (const f of order) {
      if (f.start16 < at || f.end16 <= f.start16) continue; // overlaps a highlight already shown
      docBox.appendChild(document.createTextNode(source.slice(at, f.start16)));
      const mark = document.createElement("mark");
      mark.className = f.severity;
      mark.id = "markering-" + f.index;
      const link = document.createElement("a");
      link.href = "#melding-" + f.index;
      link.textContent = source.slice(f.start16, f.end16);
      link.setAttribute("aria-label", source.slice(f.start16, f.end16) + " (melding: " + f.category_label + ")");
      link.addEventListener("click", (e) => { e.preventDefault(); focusItem(f.index); });
      mark.appendChild(link);
      docBox.appendChild(mark);
      at = f.end16;
    }
    docBox.appendChild(document.createTextNode(source.slice(at)));
  }

  function setActive(index) {
    for (const el of document.querySelectorAll(".actief")) el.classList.remove("actief");
    const mark = $("markering-" + index), li = $("melding-" + index);
    if (mark) mark.classList.add("actief");
    if (li) li.classList.add("actief");
  }

  function focusItem(index) {
    setActive(index);
    const li = $("melding-" + index);
    if (li) { li.focus(); li.scrollIntoView({ block: "nearest" }); }
  }

  function focusMark(index) {
    setActive(index);
    const mark = $("markering-" + index);
    if (mark) { mark.querySelector("a").focus(); mark.scrollIntoView({ block: "center" }); }
  }

  function para(className, text) {
    const p = document.createElement("p");
    p.className = className;
    p.textContent = text;
    return p;
  }

  function item(f) {
    const li = document.createElement("li");
    li.className = "melding " + f.severity;
    li.id = "melding-" + f.index;
    li.tabIndex = -1;
    li.appendChild(para("soort", f.category_label + " · " + f.severity_label));
    li.appendChild(para("woord", "‘" + f.text + "’"));
    li.appendChild(para("bericht", f.message));
    if (f.rationale) {
      const details = document.createElement("details");
      details.className = "waarom";
      const s = document.createElement("summary");
      s.textContent = "Waarom?";
      details.appendChild(s);
      details.appendChild(para("", f.rationale));
      li.appendChild(details);
    }
    if (f.suggestions.length && !f.fixable) {
      li.appendChild(para("handmatig", "Niet automatisch: " + (f.fix_reason || "controleer of de zin klopt na de vervanging.")));
    }
    const actions = document.createElement("div");
    actions.className = "acties";
    f.suggestions.forEach((s, i) => {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "knop klein";
      b.textContent = "Vervang door ‘" + s + "’";
      b.setAttribute("aria-label", "Vervang ‘" + f.text + "’ door ‘" + s + "’");
      b.addEventListener("click", () => apply({ rule: f.rule, start: f.start, end: f.end, suggestion: i },
        (n) => n ? "Vervangen: ‘" + f.text + "’ door ‘" + s + "’." : "Niets vervangen."));
      actions.appendChild(b);
    });
    if ($("markering-" + f.index)) {
      const show = document.createElement("a");
      show.href = "#markering-" + f.index;
      show.textContent = "Toon in de tekst";
      show.addEventListener("click", (e) => { e.preventDefault(); focusMark(f.index); });
      actions.appendChild(show);
    }
    li.appendChild(actions);
    li.appendChild(para("regel", "Regel " + f.rule));
    return li;
  }

  function downloadName() {
    if (!doc.changed) return doc.name;
    const dot = doc.name.lastIndexOf(".");
    return dot > 0 ? doc.name.slice(0, dot) + "-herzien" + doc.name.slice(dot) : doc.name + "-herzien";
  }

  function isWord() { return !!doc && /\.docx$/i.test(doc.name); }

  async function reviewCopy() {
    if (!isWord()) return;
    showError("");
    busy(true);
    say("De nagekeken Word-kopie wordt gemaakt…");
    try {
      let response;
      try {
        response = await fetch("/api/review", { method: "POST", body: formFor(doc.blob, doc.name), credentials: "same-origin" });
      } catch (e) {
        throw new Error("De server is niet bereikbaar. Staat stigmacheck serve nog aan?");
      }
      if (!response.ok) throw new Error((await response.text()) || "De server gaf een fout (" + response.status + ").");
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = doc.name.replace(/\.docx$/i, "") + ".nagekeken.docx";
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      say("Gedownload: " + a.download + ", met " + response.headers.get("X-Stigmacheck-Comments") +
          " opmerking(en) en " + response.headers.get("X-Stigmacheck-Changes") + " bijgehouden wijziging(en).");
    } catch (e) {
      showError(e.message);
      say("");
    } finally {
      busy(false);
    }
  }

  function download() {
    if (!doc) return;
    const url = URL.createObjectURL(doc.blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = downloadName();
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    say("Gedownload: " + a.download + ".");
  }

  form.addEventListener("submit", check);
  allButton.addEventListener("click", () => apply({ all: true },
    (n) => n ? plural(n, "correctie", "correcties") + " toegepast." : "Er was niets veilig te herstellen."));
  downloadButton.addEventListener("click", download);
  reviewButton.addEventListener("click", reviewCopy);
})();
