// pepsearch.js: the search box as a custom element, <pepsearch-box>, for searchd's own page and for
// any site (docs/embedding.md). A publisher adds two lines:
//   <script src="https://search.example/pepsearch.js" defer></script>
//   <pepsearch-box></pepsearch-box>
// and gets the box, suggestions as you type, results, facets (tick to filter) and paging, the
// evidence card above the results when a query names a compound and an indication, and a second
// view, the evidence map (compounds by indications, /api/evidence), talking to the searchd the
// script came from (or to the one named by the `api` attribute) across origins.
// Everything lives in an open shadow root with its own style sheet, so the host page's CSS cannot
// reach in and the box's cannot leak out; the look is themed by --pepsearch-* custom properties.
// State: the view (search or map), the query, facet filters, page and grouping, kept in the element
// or, with `url-state`, in the page URL (shareable, Back/Forward work). All server text goes in via
// textContent except the snippet, whose <mark> highlights are kept and everything else dropped.
// One file, longer than the house's 400 lines, because a publisher adds exactly one script and
// there is no build step: styles, markup and behaviour travel together (a second script loaded on
// demand would need the host page's CSP to name it and CORS on searchd's static files).
"use strict";

(function () {
  if (!window.customElements || customElements.get("pepsearch-box")) return;

  // The searchd this script came from: the default API base (a path prefix in front is kept).
  const script = document.currentScript;
  const SCRIPT_BASE = script && script.src ? new URL(".", script.src).href.replace(/\/$/, "") : "";
  const DEFAULT_PER_PAGE = 10;
  const SUB_LIMIT = 5;  // passages shown beneath a monograph's best one
  const MAX_PAGE = 1000;
  const FACETS = [
    { name: "compound", label: "Compound" },
    { name: "indication", label: "Indication" },
    { name: "grade", label: "Evidence grade" },
    { name: "evidence", label: "Type of evidence" },
  ];

  const CSS = `
:host {
  all: initial; display: block;
  --_ink: var(--pepsearch-ink, #1d2430); --_muted: var(--pepsearch-muted, #5a6472);
  --_line: var(--pepsearch-line, #d8dde4); --_bg: var(--pepsearch-bg, #f6f7f9);
  --_card: var(--pepsearch-card, #ffffff); --_accent: var(--pepsearch-accent, #1f5fbf);
  --_accent-ink: var(--pepsearch-accent-ink, #ffffff); --_focus: var(--pepsearch-focus, #f0b400);
  --_mark: var(--pepsearch-mark, #fff1a8); --_radius: var(--pepsearch-radius, .5rem);
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
a { color: var(--_accent); }
:focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; }
/* Set here, not on :host, because the host page's rules (even "*") win over :host. */
.box {
  container-type: inline-size;
  font-family: var(--pepsearch-font, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif);
  font-size: var(--pepsearch-font-size, 1rem); font-style: normal; font-weight: normal; line-height: 1.5;
  color: var(--_ink); text-align: start; letter-spacing: normal; word-spacing: normal; text-transform: none;
  text-indent: 0; white-space: normal; visibility: visible;
}
.skip { position: absolute; left: -9999px; }
.skip:focus { position: static; display: inline-block; margin-bottom: .25rem; }
.searchbar { background: var(--_card); border: 1px solid var(--_line); border-radius: var(--_radius); padding: .75rem 1rem; }
.searchbar label { display: block; font-weight: 600; margin-bottom: .25rem; }
.search-row { display: flex; gap: .5rem; max-width: 48rem; }
.combo { position: relative; flex: 1; min-width: 0; }
input[type=search] {
  width: 100%; font: inherit; font-size: 1.05em; padding: .55rem .7rem; margin: 0;
  border: 1px solid #9aa4b2; border-radius: calc(var(--_radius) * .8); background: #fff; color: #1d2430;
}
button {
  font: inherit; font-weight: 600; padding: .55rem 1rem; margin: 0; border-radius: calc(var(--_radius) * .8);
  border: 1px solid var(--_accent); background: var(--_accent); color: var(--_accent-ink); cursor: pointer;
}
.hint { color: var(--_muted); font-size: .85em; margin: .35rem 0 0; }
.suggestions {
  position: absolute; left: 0; right: 0; top: calc(100% + 2px); z-index: 5;
  list-style: none; margin: 0; padding: .25rem 0; background: #fff; color: #1d2430;
  border: 1px solid #9aa4b2; border-radius: calc(var(--_radius) * .8); box-shadow: 0 6px 18px rgba(0, 0, 0, .12);
}
.suggestions[hidden] { display: none; }
.suggestions li { padding: .4rem .7rem; cursor: pointer; }
.suggestions li[aria-selected="true"], .suggestions li:hover { background: #e8f0fc; }
.layout { display: grid; gap: 1rem; margin-top: 1rem; }
.layout[hidden] { display: none; }
@container (min-width: 48rem) { .layout { grid-template-columns: 15rem minmax(0, 1fr); align-items: start; } }
.filters { background: var(--_card); border: 1px solid var(--_line); border-radius: var(--_radius); padding: .5rem .75rem; }
.filters summary { font-weight: 600; cursor: pointer; padding: .25rem 0; }
.facet { border: 0; margin: .5rem 0 0; padding: 0; min-width: 0; }
.facet legend { font-weight: 600; font-size: .9em; color: var(--_muted); text-transform: uppercase; letter-spacing: .03em; padding: 0; }
.facet-option { display: flex; align-items: center; gap: .4rem; padding: .15rem 0; }
.facet-option input { width: 1.05rem; height: 1.05rem; margin: 0; flex: none; accent-color: var(--_accent); }
.facet-child { padding-left: 1.25rem; }
.facet-option label { display: flex; justify-content: space-between; gap: .5rem; flex: 1; cursor: pointer; }
.count { color: var(--_muted); font-variant-numeric: tabular-nums; background: var(--_bg); border-radius: 1rem; padding: 0 .5rem; font-size: .85em; }
.results-area:focus { outline: none; }
.status { margin: 0 0 .5rem; color: var(--_muted); }
.corrected { margin: 0 0 .75rem; }
.corrected[hidden], .pager[hidden] { display: none; }
.results { list-style: none; margin: 0; padding: 0; }
.result { background: var(--_card); border: 1px solid var(--_line); border-radius: var(--_radius); padding: .75rem 1rem; margin-bottom: .75rem; }
.result-title { font-size: 1.05em; margin: 0; }
.result-meta { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; margin: .25rem 0; font-size: .9em; color: var(--_muted); }
.section { font-weight: 600; }
.snippet { margin: .25rem 0 0; overflow-wrap: anywhere; }
mark { background: var(--_mark); color: inherit; padding: 0 .1em; border-radius: .15em; }
.badge { display: inline-block; font-size: .78em; font-weight: 700; padding: .05rem .5rem; border-radius: 1rem; border: 1px solid; }
.grade-a { color: #0f5d2e; background: #e3f4e8; border-color: #9fd3b0; }
.grade-b { color: #174a8c; background: #e5eefb; border-color: #a9c3ea; }
.grade-c { color: #7a4b00; background: #fdf1dc; border-color: #ebc98c; }
.grade-d { color: #4a4f57; background: #eceef1; border-color: #c3c8cf; }
.badges { display: inline-flex; flex-wrap: wrap; gap: .3rem; }
.badge.negative { color: #8c1d18; background: #fce8e6; border-color: #e6a29c; }
.refs { margin-top: .5rem; font-size: .88em; }
.refs summary { cursor: pointer; color: var(--_muted); }
.citations { margin: .35rem 0 0; padding-left: 1.75rem; overflow-wrap: anywhere; }
.citations li { margin-bottom: .25rem; }
.view-row { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline; gap: .5rem; }
.view-switch { font-size: .9em; color: var(--_muted); display: inline-flex; align-items: center; gap: .35rem; cursor: pointer; }
.more { margin-top: .5rem; }
.more > summary { cursor: pointer; color: var(--_accent); font-weight: 600; font-size: .92em; }
.sub-results { list-style: none; margin: .35rem 0 0; padding: 0 0 0 .9rem; border-left: 3px solid var(--_line); }
.sub-result { padding: .35rem 0; }
.sub-result + .sub-result { border-top: 1px solid var(--_line); }
.more-note { color: var(--_muted); font-size: .85em; margin: .35rem 0 0; }
.pager { display: flex; flex-wrap: wrap; gap: .35rem; margin: 1rem 0; }
.pager a { padding: .35rem .7rem; border: 1px solid var(--_line); border-radius: calc(var(--_radius) * .8); background: var(--_card); text-decoration: none; }
.pager a[aria-current="page"] { background: var(--_accent); color: var(--_accent-ink); border-color: var(--_accent); }
.views { display: flex; flex-wrap: wrap; gap: .25rem; margin: .75rem 0 0; border-bottom: 1px solid var(--_line); }
.views a { padding: .35rem .8rem; font-weight: 600; text-decoration: none; border: 1px solid transparent; border-bottom: 0; border-radius: var(--_radius) var(--_radius) 0 0; }
.views a[aria-current="page"] { background: var(--_card); border-color: var(--_line); color: var(--_ink); margin-bottom: -1px; }
.grade-none { color: #4a4f57; background: #ffffff; border-color: #c3c8cf; border-style: dashed; }
.badge.conflict, .cell-conflict { color: #8c1d18; background: #fce8e6; border-color: #c5483f; }
.evidence { background: var(--_card); border: 1px solid var(--_line); border-left: 4px solid var(--_accent); border-radius: var(--_radius); padding: .75rem 1rem; margin-bottom: .75rem; }
.evidence[hidden], .map-area[hidden], .map-panel[hidden] { display: none; }
.evidence-title { font-size: 1.05em; margin: 0; }
.evidence-title:focus { outline: none; }
.pair-summary { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; margin: .25rem 0 .5rem; color: var(--_muted); font-size: .9em; }
.claims { list-style: none; margin: 0; padding: 0; }
.source { padding: .45rem 0; border-top: 1px solid var(--_line); }
.trial-lines { list-style: none; margin: .15rem 0 0; padding: 0; }
.trial-line { margin: .1rem 0; }
.claim-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: .5rem; margin: 0; }
.claim-source { font-weight: 600; }
.publisher, .claim-refs { color: var(--_muted); font-size: .88em; }
.trial { font-variant-numeric: tabular-nums; }
.finding-positive { color: #0f5d2e; font-weight: 600; }
.finding-null, .finding-negative { color: #8c1d18; font-weight: 600; }
.claim-links { display: flex; flex-wrap: wrap; align-items: baseline; gap: .3rem .75rem; margin: .15rem 0 0; font-size: .92em; }
.trial-line .passage-link { font-size: .92em; }
.targeted { box-shadow: 0 0 0 3px var(--_focus); border-radius: var(--_radius); }
.map-area { margin-top: 1rem; }
.map-area h2 { font-size: 1.15em; margin: 0 0 .25rem; }
.legend { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem .9rem; list-style: none; padding: 0; margin: .25rem 0 .75rem; font-size: .88em; color: var(--_muted); }
.map-scroll { overflow-x: auto; background: var(--_card); border: 1px solid var(--_line); border-radius: var(--_radius); }
.map-scroll:empty { display: none; }
.map { border-collapse: collapse; font-size: .88em; }
.map caption { caption-side: top; text-align: start; padding: .5rem .75rem; color: var(--_muted); }
.map th, .map td { border: 1px solid var(--_line); padding: .25rem .35rem; text-align: center; }
.map thead th { font-weight: 600; vertical-align: bottom; min-width: 4.75rem; }
.map th[scope="colgroup"] { background: var(--_bg); }
.map th[scope="row"] { text-align: start; white-space: nowrap; position: sticky; left: 0; background: var(--_card); z-index: 1; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
button.cell { position: relative; }
.cell-shown { display: inline-flex; align-items: center; gap: .3rem; }
button.cell { padding: .1rem .45rem; font-size: .95em; border-radius: 1rem; border: 1px solid; }
button.cell[aria-expanded="true"] { box-shadow: 0 0 0 2px var(--_ink); }
.cell-grade { font-weight: 700; }
.cell-sources { font-weight: normal; font-size: .85em; }
.cell-conflict { display: inline-flex; align-items: center; justify-content: center; width: 1.3em; height: 1.3em; border: 1px solid; border-radius: 50%; font-size: .8em; font-weight: 700; }
.map-panel { position: relative; background: var(--_card); border: 1px solid var(--_line); border-left: 4px solid var(--_accent); border-radius: var(--_radius); padding: .75rem 1rem; margin-top: .75rem; }
.map-panel .panel-close { float: right; padding: .25rem .7rem; margin: 0 0 .5rem .5rem; }
@container (max-width: 30rem) { .hint { display: none; } button { padding: .55rem .7rem; } }
`;

  const MARKUP = `
<div class="box" part="box">
  <a class="skip" href="#">Skip to results</a>
  <form id="search-form" class="searchbar" role="search" autocomplete="off" part="searchbar">
    <label for="q" id="q-label"></label>
    <div class="search-row">
      <div class="combo">
        <input id="q" name="q" type="search" maxlength="1000" spellcheck="false" part="input"
               role="combobox" aria-autocomplete="list" aria-expanded="false"
               aria-controls="suggestions" aria-describedby="search-hint">
        <ul id="suggestions" class="suggestions" role="listbox" aria-label="Suggestions" hidden part="suggestions"></ul>
      </div>
      <button type="submit" part="button">Search</button>
    </div>
    <p id="search-hint" class="hint">Suggestions appear as you type; use the arrow keys and Enter to pick one.</p>
  </form>
  <nav id="views" class="views" aria-label="Views" part="views">
    <a id="view-search" href="#">Search results</a>
    <a id="view-map" href="#map">Evidence map</a>
  </nav>
  <div id="layout" class="layout">
    <details id="filters" class="filters" open part="filters">
      <summary>Filters</summary>
      <div id="facets" class="facets" role="group" aria-label="Filter results"></div>
    </details>
    <section id="results-area" class="results-area" tabindex="-1" aria-label="Search results">
      <div class="view-row">
        <p id="status" class="status" role="status" aria-live="polite"></p>
        <label class="view-switch"><input id="group-toggle" type="checkbox" checked> Group by monograph</label>
      </div>
      <p id="corrected" class="corrected" hidden></p>
      <section id="evidence" class="evidence" aria-labelledby="ev-title" hidden part="evidence"></section>
      <ol id="results" class="results" part="results"></ol>
      <nav id="pager" class="pager" aria-label="Result pages" hidden part="pager"></nav>
    </section>
  </div>
  <section id="map-area" class="map-area" aria-labelledby="map-title" hidden part="map">
    <h2 id="map-title">Evidence map</h2>
    <p id="map-status" class="status" role="status" aria-live="polite"></p>
    <ul class="legend" aria-label="Legend">
      <li><span class="badge grade-a">A</span> strongest</li><li><span class="badge grade-b">B</span></li>
      <li><span class="badge grade-c">C</span></li><li><span class="badge grade-d">D</span> weakest</li>
      <li><span class="badge grade-none">–</span> ungraded</li><li>the number: sources</li>
      <li><span class="cell-conflict">!</span> sources disagree</li>
    </ul>
    <div id="map-scroll" class="map-scroll" role="region" aria-label="Evidence map table, scrolls sideways" tabindex="0"></div>
    <section id="map-panel" class="map-panel" aria-labelledby="panel-title" hidden>
      <button type="button" id="panel-close" class="panel-close">Close</button>
      <div id="panel-body"></div>
    </section>
  </section>
</div>`;

  let sheet = null;  // one constructed style sheet shared by every box on the page
  function styleSheet() {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    }
    return sheet;
  }

  // ---- display helpers (no state) ----

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v == null) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else node.setAttribute(k, v);
    }
    for (const c of children) if (c != null) node.append(c);
    return node;
  }

  // The vocabulary's display label when searchd sends one; otherwise the slug (a grade as its letter).
  function facetLabel(facet, count) {
    if (count.label) return count.label;
    return facet === "grade" ? count.value.toUpperCase() : count.value;
  }

  // Keeps text and <mark> from the server's snippet HTML; drops any other element.
  function snippetNodes(html) {
    const tpl = document.createElement("template");
    tpl.innerHTML = html;  // template content is inert: nothing loads or runs
    const out = document.createDocumentFragment();
    for (const node of tpl.content.childNodes) {
      if (node.nodeType === Node.ELEMENT_NODE && node.nodeName === "MARK") out.append(el("mark", { text: node.textContent }));
      else out.append(document.createTextNode(node.textContent));
    }
    return out;
  }

  function safeUrl(url) {
    return /^https?:\/\//i.test(url || "") ? url : "";
  }

  function citationLink(c) {
    if (c.pmid) return { href: "https://pubmed.ncbi.nlm.nih.gov/" + encodeURIComponent(c.pmid) + "/", label: "PubMed " + c.pmid };
    if (c.doi) return { href: "https://doi.org/" + c.doi.split("/").map(encodeURIComponent).join("/"), label: "doi:" + c.doi };
    if (safeUrl(c.url)) return { href: c.url, label: "link" };
    return null;
  }

  // A passage's section, page and grade badges.
  function passageMeta(r) {
    const meta = el("p", { class: "result-meta" });
    if (r.section) meta.append(el("span", { class: "section", text: r.section }));
    // A PDF passage's page; the title links to the passage itself (source.url carries its anchor).
    if (r.page) meta.append(el("span", { class: "page", text: "p. " + r.page }));
    // One badge per grade letter; the source's full wording ("A (negative) for ...") is the tooltip.
    const grades = [...new Set((r.facets && r.facets.grade) || [])].sort();
    if (grades.length) {
      const label = r.grade_label || grades.map((g) => g.toUpperCase()).join(", ");
      const group = el("span", { class: "badges", title: "Evidence grade (A strongest, D weakest): " + label });
      for (const g of grades) group.append(el("span", { class: "badge grade-" + g, text: "Grade " + g.toUpperCase() }));
      if (/negative/i.test(label)) group.append(el("span", { class: "badge negative", text: "negative result" }));
      meta.append(group);
    }
    return meta;
  }

  function references(r) {
    const cites = r.citations || [];
    if (!cites.length) return null;
    const ol = el("ol", { class: "citations", "aria-label": "References cited" });
    for (const c of cites) {
      const li = el("li", { value: String(c.number) });
      const text = [c.authors, c.title, c.journal].filter(Boolean).join(". ") || c.text || "";
      li.append(el("span", { text: text + " " }));
      const link = citationLink(c);
      if (link) li.append(el("a", { href: link.href, rel: "noopener", target: "_blank", text: link.label }));
      ol.append(li);
    }
    return el("details", { class: "refs" }, el("summary", { text: cites.length === 1 ? "1 reference" : cites.length + " references" }), ol);
  }

  function renderResult(r, rank) {
    const src = r.source || {};
    const titleText = src.title || src.path || "Untitled";
    const title = safeUrl(src.url) ? el("a", { href: src.url, text: titleText }) : document.createTextNode(titleText);
    const article = el("article", { class: "result", "aria-labelledby": "r" + rank, "data-id": r.id || "", part: "result" },
      el("h2", { class: "result-title", id: "r" + rank }, title), passageMeta(r),
      el("p", { class: "snippet" }, snippetNodes(r.snippet || "")), references(r));
    return el("li", {}, article);
  }

  // A monograph: its best passage as a result card, then its other matching passages folded
  // beneath ("N more passages in this monograph"), each with its section and snippet.
  function renderGroup(r, rank) {
    const li = renderResult(r, rank);
    const article = li.firstChild;
    article.classList.add("group");
    article.dataset.source = (r.source && r.source.id) || "";
    const more = (r.sub_total || 1) - 1;
    if (more <= 0) return li;
    const subs = el("ol", { class: "sub-results" });
    for (const sub of r.sub_results || []) {
      subs.append(el("li", { class: "sub-result", "data-id": sub.id }, passageMeta(sub),
        el("p", { class: "snippet" }, snippetNodes(sub.snippet || "")), references(sub)));
    }
    const shown = (r.sub_results || []).length;
    const details = el("details", { class: "more" },
      el("summary", { text: more === 1 ? "1 more passage in this monograph" : more + " more passages in this monograph" }), subs);
    if (shown < more) details.append(el("p", { class: "more-note", text: "The best " + shown + " are shown; the list of all passages has the rest." }));
    article.append(details);
    return li;
  }

  function statusText(state, body, from) {
    const n = body.total;
    if (n === 0) return "No passages match “" + state.q + "”.";
    const to = from + body.results.length - 1;
    if (body.group === "source") {
      const g = body.total_groups;
      return n + (n === 1 ? " passage" : " passages") + " in " + g + (g === 1 ? " monograph" : " monographs") +
        " match “" + state.q + "”" + (g > body.per_page ? " — showing monographs " + from + "–" + to : "") + ".";
    }
    return n + (n === 1 ? " passage matches" : " passages match") + " “" + state.q + "”" +
      (n > body.per_page ? " — showing " + from + "–" + to : "") + ".";
  }

  // ---- evidence: a (compound, indication) pair and its claims, as /api/evidence and the
  // `evidence` field of /api/search send them (docs/searchd.md) ----

  const GRADES = ["a", "b", "c", "d"];
  const FINDING_TEXT = { positive: "positive result", null: "no significant difference", negative: "negative result" };
  const CONFLICT_TEXT = { grades: "grades two or more steps apart", findings: "positive and null findings" };

  function gradeOf(grade) {
    return GRADES.includes(grade) ? grade : "none";
  }

  // A grade badge coloured by the common a-d grade, in the source's own words ("Tier 2 (B)").
  function gradeBadge(grade, wording) {
    const g = gradeOf(grade);
    const letter = g.toUpperCase();
    let text = g === "none" ? (wording || "Ungraded") : "Grade " + letter;
    const own = (wording || "").trim();
    if (g !== "none" && own && ![letter, text.toUpperCase()].includes(own.toUpperCase())) text = own + " (" + letter + ")";
    const badge = el("span", { class: "badge grade-" + g, text });
    badge.title = g === "none" ? "No grade on the A–D scale" : "Grade " + letter + " on the A (strongest) to D (weakest) scale";
    return badge;
  }

  function sourcesText(n) {
    return n === 1 ? "1 source" : n + " sources";
  }

  // What a screen reader hears for a pair: "Thymosin alpha-1, Sepsis: grade B, 2 sources, sources disagree".
  function pairLabel(pair) {
    const g = gradeOf(pair.grade);
    return pair.compound_label + ", " + pair.indication_label + ": " + (g === "none" ? "ungraded" : "grade " + g.toUpperCase()) +
      ", " + sourcesText(pair.sources) + (pair.conflict ? ", sources disagree" : "");
  }

  // A source's claims, one per passage and trial, folded into what a reader scans: the trials it
  // describes (one line per trial, keyed by its size or else its name, with every finding the
  // source states for it), findings stated without a trial, and its other passages.
  function sourceLines(claims) {
    const trials = new Map();
    const bare = new Map();
    const others = new Map();
    for (const c of claims) {
      const t = c.trial || {};
      const key = t.n != null ? "n" + t.n : t.name ? "name:" + t.name.toUpperCase() : null;
      if (key) {
        if (!trials.has(key)) trials.set(key, { trial: {}, findings: [], claims: [] });
        const line = trials.get(key);
        for (const f of ["name", "design", "n", "year"]) if (line.trial[f] == null && t[f] != null) line.trial[f] = t[f];
        line.claims.push(c);
        if (FINDING_TEXT[c.finding] && !line.findings.includes(c.finding)) line.findings.push(c.finding);
      } else if (FINDING_TEXT[c.finding]) {
        if (!bare.has(c.finding)) bare.set(c.finding, { trial: {}, findings: [c.finding], claims: [c] });
      } else if (c.passage && !others.has(c.passage.id)) {
        others.set(c.passage.id, c);
      }
    }
    // A trial named only in some passages joins the line of the same trial known by its size.
    for (const [key, line] of trials) {
      if (!key.startsWith("name:")) continue;
      const twin = [...trials.values()].find((l) => l !== line && l.trial.n != null && (l.trial.name || "").toUpperCase() === key.slice(5));
      if (!twin) continue;
      twin.claims.push(...line.claims);
      for (const f of line.findings) if (!twin.findings.includes(f)) twin.findings.push(f);
      trials.delete(key);
    }
    const sorted = [...trials.values()].sort((a, b) => (a.trial.n ?? Infinity) - (b.trial.n ?? Infinity));
    return { lines: [...sorted, ...bare.values()], others: [...others.values()] };
  }

  // "ETASS · RCT · n=361 · 2013 · positive result", then a link to the passage that says so.
  function trialLine(line, link) {
    const t = line.trial;
    const parts = [t.name, t.design, t.n != null ? "n=" + Number(t.n).toLocaleString("en-US") : null, t.year ? String(t.year) : null].filter(Boolean);
    const text = el("span", { class: "trial" }, parts.join(" · "));
    line.findings.forEach((f, i) => text.append(parts.length || i ? " · " : "", el("span", { class: "finding-" + f, text: FINDING_TEXT[f] })));
    const stated = line.claims.find((c) => line.findings.includes(c.finding)) || line.claims[0];
    return el("li", { class: "trial-line", "data-passage": (stated.passage && stated.passage.id) || "" }, text, " ", link(stated));
  }

  // One source: its grade badge (the best its claims give, in its own words), monograph and
  // publisher, its trial lines, its other passages and the references they cite.
  function sourceItem(claims, link, evidenceLabel) {
    const best = [...claims].sort((a, b) => gradeOf(a.grade).localeCompare(gradeOf(b.grade)))[0];
    const kinds = [...new Set(claims.map((c) => c.evidence).filter(Boolean))].map(evidenceLabel).join(", ");
    const head = el("p", { class: "claim-head" }, gradeBadge(best.grade, best.grade_label),
      el("span", { class: "claim-source", text: best.monograph || best.source }),
      best.publisher ? el("span", { class: "publisher", text: best.publisher }) : null,
      kinds ? el("span", { class: "publisher", text: kinds }) : null);
    const { lines, others } = sourceLines(claims);
    const item = el("li", { class: "source", "data-source": best.source || "" }, head);
    if (lines.length) item.append(el("ul", { class: "trial-lines" }, ...lines.map((l) => trialLine(l, link))));
    const more = el("p", { class: "claim-links" });
    if (others.length) more.append(el("span", { class: "claim-refs", text: lines.length ? "Also:" : "Passages:" }), ...others.map((c) => link(c)));
    const refs = [...new Set(claims.flatMap((c) => c.references || []))].sort((a, b) => a - b);
    if (refs.length) more.append(el("span", { class: "claim-refs", text: (refs.length === 1 ? "reference " : "references ") + refs.join(", ") }));
    if (more.childNodes.length) item.append(more);
    return item;
  }

  // A pair's heading, summary (sources, best grade, "Sources disagree") and its sources: the
  // search page's card and the map's panel. `link(claim)` makes a claim's passage link.
  function evidenceNodes(pair, opts) {
    const heading = el(opts.tag, { class: "evidence-title", id: opts.id, text: opts.prefix + pair.compound_label + " — " + pair.indication_label });
    const summary = el("p", { class: "pair-summary" }, el("span", { text: sourcesText(pair.sources) }));
    if (gradeOf(pair.grade) !== "none") summary.append(el("span", { text: "best grade" }), gradeBadge(pair.grade, null));
    if (pair.conflict) {
      const why = (pair.conflict_reasons || []).map((r) => CONFLICT_TEXT[r]).filter(Boolean).join("; ");
      summary.append(el("strong", { class: "badge conflict", text: "Sources disagree" }), why ? el("span", { text: why }) : null);
    }
    const bySource = new Map();
    for (const c of pair.claims || []) {
      if (!bySource.has(c.source)) bySource.set(c.source, []);
      bySource.get(c.source).push(c);
    }
    const sources = [...bySource.values()].map((cs) => sourceItem(cs, opts.link, opts.evidenceLabel));
    return [heading, summary, el("ul", { class: "claims", "aria-label": "What each source says" }, ...sources)];
  }

  // The map's columns: indications grouped under their top-level ancestor, the ancestor first.
  function mapGroups(indications) {
    const byValue = new Map(indications.map((i) => [i.value, i]));
    const rootOf = (i) => {
      const seen = new Set([i.value]);
      while (i.parent && byValue.has(i.parent) && !seen.has(i.parent)) seen.add((i = byValue.get(i.parent)).value);
      return i;
    };
    const groups = new Map();
    for (const i of indications) {
      const root = rootOf(i);
      if (!groups.has(root.value)) groups.set(root.value, { root, columns: [] });
      groups.get(root.value).columns.push(i);
    }
    for (const g of groups.values()) g.columns.sort((a, b) => (b === g.root) - (a === g.root));
    return [...groups.values()];
  }

  // A cell's button: grade letter, sources and "!" to the eye; its name, in words, to a screen
  // reader (hidden text, not aria-label, so the name contains what is seen: WCAG's label in name).
  function cellButton(pair) {
    const g = gradeOf(pair.grade);
    const label = pairLabel(pair);
    const shown = el("span", { class: "cell-shown", "aria-hidden": "true" },
      el("span", { class: "cell-grade", text: g === "none" ? "–" : g.toUpperCase() }),
      el("span", { class: "cell-sources", text: String(pair.sources) }),
      pair.conflict ? el("span", { class: "cell-conflict", text: "!" }) : null);
    return el("button", { type: "button", class: "cell grade-" + g, title: label, "aria-expanded": "false", "aria-controls": "map-panel",
                          "data-compound": pair.compound, "data-indication": pair.indication },
      shown, el("span", { class: "sr-only", text: label }));
  }

  // The map as a real table: compounds (rows, <th scope="row">) by indications (columns under
  // their parent's <th scope="colgroup">); a cell with claims holds a button, the others are blank.
  function mapTable(data) {
    const groups = mapGroups(data.indications || []);
    const pairs = new Map((data.pairs || []).map((p) => [p.compound + "\u0000" + p.indication, p]));
    const table = el("table", { class: "map", id: "map-table" },
      el("caption", { text: "Compounds by indication: the best grade any source gives, how many sources, and where they disagree. Choose a cell for its claims." }),
      el("colgroup", {}, el("col")));
    const top = el("tr", {}, el("th", { scope: "col", rowspan: "2", text: "Compound" }));
    const sub = el("tr");
    for (const g of groups) {
      table.append(el("colgroup", { span: String(g.columns.length) }));
      if (g.columns.length === 1) {
        top.append(el("th", { scope: "col", rowspan: "2", "data-indication": g.root.value, text: g.root.label }));
        continue;
      }
      top.append(el("th", { scope: "colgroup", colspan: String(g.columns.length), text: g.root.label }));
      for (const c of g.columns) sub.append(el("th", { scope: "col", "data-indication": c.value, text: c.label }));
    }
    const body = el("tbody");
    for (const c of data.compounds || []) {
      const tr = el("tr", {}, el("th", { scope: "row", "data-compound": c.value, text: c.label }));
      for (const g of groups) for (const col of g.columns) {
        const pair = pairs.get(c.value + "\u0000" + col.value);
        tr.append(el("td", {}, pair ? cellButton(pair) : null));
      }
      body.append(tr);
    }
    if (!sub.children.length) for (const th of top.children) th.removeAttribute("rowspan");
    table.append(el("thead", {}, top, sub.children.length ? sub : null), body);
    return { table, pairs };
  }

  function mapStatus(data) {
    const pairs = data.pairs || [];
    const conflicts = pairs.filter((p) => p.conflict).length;
    const n = (k, one, many) => k + " " + (k === 1 ? one : many);
    return n((data.compounds || []).length, "compound", "compounds") + " by " + n((data.indications || []).length, "indication", "indications") +
      ": " + n(pairs.length, "pair", "pairs") + " with claims, " + n(conflicts, "where sources disagree", "where sources disagree") + ".";
  }

  // Facet values as a tree where the counts name a parent (indications): each value shown under
  // its parent, in the counts' order, marked with the parent's label (`under`); others as they come.
  function facetTree(shown) {
    const byValue = new Map(shown.map((c) => [c.value, c]));
    const children = new Map();
    for (const c of shown) {
      if (!c.parent || !byValue.has(c.parent) || c.parent === c.value) continue;
      if (!children.has(c.parent)) children.set(c.parent, []);
      children.get(c.parent).push(Object.assign(c, { under: byValue.get(c.parent).label }));
    }
    const out = [];
    const visit = (c, depth) => {
      out.push(c);
      if (depth < 4) for (const k of children.get(c.value) || []) visit(k, depth + 1);
    };
    for (const c of shown) if (!c.under) visit(c, 0);
    for (const c of shown) if (!out.includes(c)) out.push(c);  // a parent loop in the data: keep every value
    return out;
  }

  function copyState(state) {
    const filters = {};
    for (const f of FACETS) filters[f.name] = state.filters[f.name].slice();
    return { q: state.q, page: state.page, grouped: state.grouped, filters, view: state.view === "map" ? "map" : "search" };
  }

  // The search's query string: the page URL's (with url-state) and, with paging added, the API's.
  function stateParams(state) {
    const p = new URLSearchParams();
    if (state.q) p.set("q", state.q);
    for (const f of FACETS) for (const v of state.filters[f.name]) p.append(f.name, v);
    if (state.page > 1) p.set("page", String(state.page));
    if (!state.grouped) p.set("group", "none");  // grouped by monograph is the default
    if (state.view === "map") p.set("view", "map");
    return p;
  }

  class PepsearchBox extends HTMLElement {
    constructor() {
      super();
      const root = this.attachShadow({ mode: "open" });
      root.adoptedStyleSheets = [styleSheet()];
      root.innerHTML = MARKUP;  // a constant: no server text
      this.$ = (id) => root.getElementById(id);
      this.searchAbort = null;
      this.suggestAbort = null;
      this.suggestTimer = 0;
      this.active = -1;     // the highlighted suggestion
      this.refocus = null;  // the facet box just toggled: re-rendering replaces it
      this.state = null;
      this.evidenceLabels = new Map();  // evidence-type slug -> label, from the last search's facets
      this.mapData = null;              // the last /api/evidence answer
      this.mapAbort = null;
      this.panelCell = null;            // the map cell whose claims the panel shows
      this.pendingPassage = null;       // a passage to focus once the next results are shown
      this.onPopState = () => this.run(this.readUrlState());
      this.wire();
    }

    // ---- attributes ----

    get api() {
      const a = this.getAttribute("api");
      return (a === null ? SCRIPT_BASE : a).replace(/\/$/, "");
    }
    get perPage() {
      const n = parseInt(this.getAttribute("per-page") || "", 10);
      return n >= 1 && n <= 100 ? n : DEFAULT_PER_PAGE;
    }
    get urlState() { return this.hasAttribute("url-state"); }

    connectedCallback() {
      this.$("q-label").textContent = this.getAttribute("label") || "Search the monographs";
      this.$("q").placeholder = this.getAttribute("placeholder") || "e.g. VEGF lowering, thymosin sepsis";
      // In a narrow box (a phone, a sidebar) the filters start folded so results come first.
      if (this.getBoundingClientRect().width < 768) this.$("filters").open = false;
      if (this.urlState) {
        window.addEventListener("popstate", this.onPopState);
        this.run(this.readUrlState());
      } else {
        const q = (this.getAttribute("query") || "").trim();
        this.run({ q, page: 1, grouped: this.getAttribute("group") !== "none", filters: this.emptyFilters(),
                   view: this.getAttribute("view") === "map" ? "map" : "search" });
      }
      if (this.hasAttribute("autofocus") && !this.$("q").value) this.$("q").focus();
    }

    disconnectedCallback() {
      window.removeEventListener("popstate", this.onPopState);
      if (this.searchAbort) this.searchAbort.abort();
      if (this.mapAbort) this.mapAbort.abort();
      this.hideSuggestions();
    }

    focus(options) { this.$("q").focus(options); }

    // ---- state: in the element, or in the page URL with url-state ----

    emptyFilters() {
      return Object.fromEntries(FACETS.map((f) => [f.name, []]));
    }

    readUrlState() {
      const p = new URLSearchParams(location.search);
      const state = { q: (p.get("q") || "").trim(), page: 1, filters: {}, grouped: p.get("group") !== "none",
                      view: p.get("view") === "map" || location.hash === "#map" ? "map" : "search" };
      const page = parseInt(p.get("page") || "1", 10);
      if (page >= 1 && page <= MAX_PAGE) state.page = page;
      for (const f of FACETS) state.filters[f.name] = p.getAll(f.name).filter(Boolean);
      return state;
    }

    current() {
      return copyState(this.state || { q: "", page: 1, grouped: true, filters: this.emptyFilters() });
    }

    go(state) {
      if (this.urlState) history.pushState(null, "", "?" + stateParams(state).toString());
      this.run(state);
    }

    // ---- wiring the controls ----

    wire() {
      const input = this.$("q");
      input.addEventListener("input", () => this.onInput());
      input.addEventListener("keydown", (e) => this.onKeyDown(e));
      input.addEventListener("blur", () => setTimeout(() => this.hideSuggestions(), 100));
      this.$("search-form").addEventListener("submit", (e) => {
        e.preventDefault();
        const next = this.current();
        next.q = input.value.trim();
        next.page = 1;
        next.view = "search";
        if (next.q) this.go(next);
      });
      this.$("group-toggle").addEventListener("change", () => {
        const next = this.current();
        next.grouped = this.$("group-toggle").checked;
        next.page = 1;  // pages of monographs and pages of passages differ
        if (next.q) this.go(next);
      });
      // The link's target is inside the shadow root, where the page's #fragment cannot reach.
      this.shadowRoot.querySelector(".skip").addEventListener("click", (e) => {
        e.preventDefault();
        this.$(this.current().view === "map" ? "map-area" : "results-area").focus();
      });
      for (const view of ["search", "map"]) {
        this.$("view-" + view).addEventListener("click", (e) => {
          e.preventDefault();
          const next = this.current();
          if (next.view !== view) this.go(Object.assign(next, { view }));
        });
      }
      this.$("map-scroll").addEventListener("click", (e) => {
        const cell = e.target.closest("button.cell");
        if (cell) this.togglePanel(cell);
      });
      this.$("map-scroll").addEventListener("keydown", (e) => this.onMapKey(e));
      this.$("panel-close").addEventListener("click", () => this.closePanel());
      this.$("map-panel").addEventListener("keydown", (e) => {
        if (e.key === "Escape") { e.preventDefault(); this.closePanel(); }
      });
    }

    // ---- searching ----

    clearResults() {
      this.$("status").textContent = "";
      this.$("results").replaceChildren();
      this.$("facets").replaceChildren();
      this.$("pager").hidden = true;
      this.$("corrected").hidden = true;
      this.renderEvidence(null);
    }

    async run(state) {
      this.state = copyState(state);
      this.$("q").value = state.q;
      this.$("group-toggle").checked = state.grouped;
      this.hideSuggestions();
      if (this.searchAbort) this.searchAbort.abort();
      this.showView(this.state);
      if (this.state.view === "map") return this.showMap();
      this.$("layout").hidden = !state.q;
      if (!state.q) {
        this.clearResults();
        if (this.urlState) document.title = "Search the peptide monographs";
        return;
      }
      const mine = (this.searchAbort = new AbortController());
      const area = this.$("results-area");
      this.$("status").textContent = "Searching…";
      area.setAttribute("aria-busy", "true");
      const params = stateParams(state);
      params.set("per_page", String(this.perPage));
      params.delete("group");
      if (state.grouped) {
        params.set("group", "source");
        params.set("sub_limit", String(SUB_LIMIT));
      }
      try {
        const res = await fetch(this.api + "/api/search?" + params.toString(), { signal: mine.signal });
        const body = await res.json();
        if (mine !== this.searchAbort) return;  // a newer search started while this body was read
        if (!res.ok) throw new Error(body.error || "search failed (" + res.status + ")");
        this.render(state, body);
      } catch (err) {
        if (err.name === "AbortError") return;
        this.$("status").textContent = "Search failed: " + err.message;
        this.$("results").replaceChildren();
        this.renderEvidence(null);
        this.$("pager").hidden = true;
      } finally {
        if (mine === this.searchAbort) area.removeAttribute("aria-busy");
      }
    }

    render(state, body) {
      if (this.urlState) document.title = state.q + " – peptide monograph search";
      const grouped = body.group === "source";
      const from = (body.page - 1) * body.per_page + 1;
      this.$("status").textContent = statusText(state, body, from);
      const corrected = this.$("corrected");
      corrected.hidden = !body.corrected_query;
      corrected.replaceChildren();
      if (body.corrected_query) corrected.append("Showing results for ", el("strong", { text: body.corrected_query }));
      const results = this.$("results");
      results.replaceChildren(...body.results.map((r, i) => (grouped ? renderGroup : renderResult)(r, from + i)));
      results.start = from;
      for (const c of (body.facets && body.facets.evidence) || []) if (c.label) this.evidenceLabels.set(c.value, c.label);
      this.renderEvidence(body.evidence || null);
      this.renderFacets(state, body.facets);
      this.renderPager(state, grouped ? body.total_groups : body.total);
      this.dispatchEvent(new CustomEvent("pepsearch-results", {
        bubbles: true, composed: true,
        detail: { query: state.q, filters: copyState(state).filters, page: body.page, total: body.total,
                  totalGroups: grouped ? body.total_groups : undefined, response: body },
      }));
      if (this.pendingPassage) {
        const target = this.findPassage(this.pendingPassage);
        this.pendingPassage = null;
        if (target) this.focusPassage(target);
      }
    }

    renderFacets(state, facets) {
      const facetsEl = this.$("facets");
      facetsEl.replaceChildren();
      for (const f of FACETS) {
        const fs = this.facetFieldset(f, state.filters[f.name], (facets && facets[f.name]) || []);
        if (fs) facetsEl.append(fs);
      }
      if (this.refocus) {
        const { name, value } = this.refocus;
        const twin = [...facetsEl.querySelectorAll("input")].find((b) => b.name === name && b.value === value);
        if (twin) twin.focus();
        this.refocus = null;
      }
    }

    // One facet's checkboxes with their counts; null when it has no values to show.
    facetFieldset(f, selected, counts) {
      let shown = counts.map((c) => ({ value: c.value, count: c.count, label: facetLabel(f.name, c), parent: c.parent || null }));
      if (f.name === "grade") shown.sort((a, b) => a.value.localeCompare(b.value));  // A..D reads better than by count
      // A chosen value stays visible (with 0) so it can be unticked.
      for (const v of selected) {
        if (!shown.some((c) => c.value === v)) shown.push({ value: v, count: 0, label: facetLabel(f.name, { value: v }) });
      }
      if (!shown.length) return null;
      shown = facetTree(shown);
      const fs = el("fieldset", { class: "facet" }, el("legend", { text: f.label }));
      shown.forEach((c, i) => {
        const id = "f-" + f.name + "-" + i;
        const box = el("input", { type: "checkbox", id, name: f.name, value: c.value });
        box.checked = selected.includes(c.value);
        box.addEventListener("change", () => {
          this.refocus = { name: f.name, value: c.value };
          const next = this.current();
          const values = next.filters[f.name].filter((v) => v !== c.value);
          if (box.checked) values.push(c.value);
          next.filters[f.name] = values;
          next.page = 1;
          this.go(next);
        });
        const under = c.under ? el("span", { class: "sr-only", text: ", under " + c.under }) : null;
        fs.append(el("div", { class: c.under ? "facet-option facet-child" : "facet-option", "data-parent": c.under ? c.parent : null }, box,
          el("label", { for: id }, el("span", { class: "facet-value", text: c.label }), under,
            el("span", { class: "count", "data-count": String(c.count), "aria-label": c.count + " results", text: String(c.count) }))));
      });
      return fs;
    }

    renderPager(state, total) {
      const pager = this.$("pager");
      pager.replaceChildren();
      const pages = Math.min(MAX_PAGE, Math.ceil(total / this.perPage));
      pager.hidden = pages <= 1;
      if (pages <= 1) return;
      const link = (page, text, rel) => {
        const s = Object.assign(copyState(state), { page });
        // With url-state the link is a real URL (open in a new tab works); otherwise it only pages.
        const a = el("a", { href: this.urlState ? "?" + stateParams(s).toString() : "#", text });
        if (rel) a.setAttribute("rel", rel);
        if (page === state.page) a.setAttribute("aria-current", "page");
        a.addEventListener("click", (e) => {
          e.preventDefault();
          this.go(s);
          this.$("results-area").focus();
        });
        return a;
      };
      if (state.page > 1) pager.append(link(state.page - 1, "‹ Previous", "prev"));
      const first = Math.max(1, state.page - 2);
      const last = Math.min(pages, first + 4);
      for (let p = first; p <= last; p++) pager.append(link(p, String(p)));
      if (state.page < pages) pager.append(link(state.page + 1, "Next ›", "next"));
    }

    // ---- the evidence card (above the results) and the passages its claims link to ----

    renderEvidence(pair) {
      const card = this.$("evidence");
      card.hidden = !pair;
      if (!pair) return card.replaceChildren();
      card.dataset.compound = pair.compound;
      card.dataset.indication = pair.indication;
      card.replaceChildren(...evidenceNodes(pair, { tag: "h2", id: "ev-title", prefix: "Evidence: ",
        link: (c) => this.passageLink(c, pair), evidenceLabel: (v) => this.evidenceLabels.get(v) || v }));
    }

    // The search that shows a pair's passages: its two names, filtered to the pair.
    pairState(pair) {
      const filters = this.emptyFilters();
      filters.compound = [pair.compound];
      filters.indication = [pair.indication];
      return { q: pair.compound_label + " " + pair.indication_label, page: 1, grouped: true, filters, view: "search" };
    }

    // A claim's link: to its passage on this results page when it is shown (focused there),
    // else to the passage's own URL, else to the pair's search, focusing the passage once shown.
    passageLink(claim, pair) {
      const p = claim.passage || {};
      const url = safeUrl(p.url);
      const href = url || (this.urlState ? "?" + stateParams(this.pairState(pair)).toString() : "#");
      const a = el("a", { class: "passage-link", href, "data-passage": p.id || "", title: "Read the passage",
                          text: p.section || "the passage" });
      a.addEventListener("click", (e) => {
        const target = this.findPassage(p.id);
        if (target) {
          e.preventDefault();
          this.focusPassage(target);
        } else if (!url) {
          e.preventDefault();
          this.pendingPassage = p.id;
          this.go(this.pairState(pair));
        }
      });
      return a;
    }

    findPassage(id) {
      if (!id || this.current().view !== "search" || this.$("layout").hidden) return null;
      return [...this.$("results").querySelectorAll("[data-id]")].find((n) => n.dataset.id === id) || null;
    }

    focusPassage(node) {
      for (const old of this.$("results").querySelectorAll(".targeted")) old.classList.remove("targeted");
      const folded = node.closest("details.more");
      if (folded) folded.open = true;
      node.classList.add("targeted");
      node.tabIndex = -1;
      node.focus({ preventScroll: true });
      node.scrollIntoView({ block: "center" });
    }

    // ---- views: the search results or the evidence map ----

    showView(state) {
      const map = state.view === "map";
      this.$("map-area").hidden = !map;
      if (map) this.$("layout").hidden = true;
      for (const view of ["search", "map"]) {
        const link = this.$("view-" + view);
        const target = Object.assign(copyState(state), { view });
        link.href = this.urlState ? "?" + stateParams(target).toString() : (view === "map" ? "#map" : "#");
        if (view === state.view) link.setAttribute("aria-current", "page");
        else link.removeAttribute("aria-current");
      }
    }

    async showMap() {
      if (this.urlState) document.title = "Evidence map – peptide monograph search";
      if (this.mapData) return;
      if (this.mapAbort) this.mapAbort.abort();
      const mine = (this.mapAbort = new AbortController());
      const status = this.$("map-status");
      status.textContent = "Loading the evidence map…";
      this.$("map-area").setAttribute("aria-busy", "true");
      try {
        const res = await fetch(this.api + "/api/evidence", { signal: mine.signal });
        const body = await res.json().catch(() => ({}));
        if (res.status === 404) throw new Error("this searchd has no /api/evidence; upgrade pepsearch and rebuild the index");
        if (!res.ok) throw new Error(body.error || "searchd answered " + res.status + "; try again shortly");
        this.mapData = body;
        this.renderMap(body);
      } catch (err) {
        if (err.name !== "AbortError") status.textContent = "The evidence map could not be loaded: " + err.message;
      } finally {
        if (mine === this.mapAbort) this.$("map-area").removeAttribute("aria-busy");
      }
    }

    renderMap(data) {
      const { table, pairs } = mapTable(data);
      this.mapPairs = pairs;
      this.$("map-status").textContent = mapStatus(data);
      this.$("map-scroll").replaceChildren(table);
      this.$("map-panel").hidden = true;
      this.panelCell = null;
    }

    togglePanel(cell) {
      if (cell === this.panelCell && !this.$("map-panel").hidden) return this.closePanel();
      const pair = this.mapPairs.get(cell.dataset.compound + "\u0000" + cell.dataset.indication);
      if (this.panelCell) this.panelCell.setAttribute("aria-expanded", "false");
      this.panelCell = cell;
      cell.setAttribute("aria-expanded", "true");
      const nodes = evidenceNodes(pair, { tag: "h3", id: "panel-title", prefix: "",
        link: (c) => this.passageLink(c, pair), evidenceLabel: (v) => this.evidenceLabels.get(v) || v });
      nodes[0].tabIndex = -1;
      const search = el("a", { class: "pair-search", href: this.urlState ? "?" + stateParams(this.pairState(pair)).toString() : "#",
                               text: "Search the passages on " + pair.compound_label + " and " + pair.indication_label });
      search.addEventListener("click", (e) => { e.preventDefault(); this.go(this.pairState(pair)); });
      this.$("panel-body").replaceChildren(...nodes, el("p", { class: "claim-links" }, search));
      const panel = this.$("map-panel");
      panel.dataset.compound = pair.compound;
      panel.dataset.indication = pair.indication;
      panel.hidden = false;
      nodes[0].focus({ preventScroll: true });
      panel.scrollIntoView({ block: "nearest" });
    }

    // Closing gives focus back to the cell that opened the panel.
    closePanel() {
      this.$("map-panel").hidden = true;
      const cell = this.panelCell;
      this.panelCell = null;
      if (cell) {
        cell.setAttribute("aria-expanded", "false");
        cell.focus();
      }
    }

    // Arrow keys move between the map's cells that have claims, skipping blank ones.
    onMapKey(e) {
      const step = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] }[e.key];
      const cell = e.target.closest && e.target.closest("button.cell");
      if (!step || !cell) return;
      const rows = [...this.$("map-table").tBodies[0].rows];
      let r = rows.indexOf(cell.closest("tr"));
      let c = cell.closest("td").cellIndex;
      e.preventDefault();
      for (;;) {
        r += step[0];
        c += step[1];
        if (r < 0 || r >= rows.length || c < 1 || c >= rows[r].cells.length) return;
        const next = rows[r].cells[c].querySelector("button.cell");
        if (next) return next.focus();
      }
    }

    // ---- suggestions (a combobox: arrows move, Enter picks, Escape closes) ----

    hideSuggestions() {
      clearTimeout(this.suggestTimer);
      if (this.suggestAbort) this.suggestAbort.abort();
      const list = this.$("suggestions");
      list.hidden = true;
      list.replaceChildren();
      this.$("q").setAttribute("aria-expanded", "false");
      this.$("q").removeAttribute("aria-activedescendant");
      this.active = -1;
    }

    showSuggestions(all) {
      // Names and indexed words can differ only in case ("Thymogen", "thymogen"): show one.
      const seen = new Set();
      const items = all.filter((s) => !seen.has(s.toLowerCase()) && seen.add(s.toLowerCase()));
      const list = this.$("suggestions");
      const input = this.$("q");
      list.replaceChildren();
      this.active = -1;
      input.removeAttribute("aria-activedescendant");
      items.forEach((text, i) => {
        const li = el("li", { id: "sug-" + i, role: "option", "aria-selected": "false", text });
        // mousedown, not click: the input must not lose focus before the choice is taken.
        li.addEventListener("mousedown", (e) => {
          e.preventDefault();
          this.choose(text);
        });
        list.append(li);
      });
      list.hidden = items.length === 0;
      input.setAttribute("aria-expanded", items.length ? "true" : "false");
    }

    setActive(i) {
      const items = this.$("suggestions").children;
      if (!items.length) return;
      this.active = (i + items.length) % items.length;
      for (let k = 0; k < items.length; k++) items[k].setAttribute("aria-selected", k === this.active ? "true" : "false");
      this.$("q").setAttribute("aria-activedescendant", items[this.active].id);
      items[this.active].scrollIntoView({ block: "nearest" });
    }

    choose(text) {
      const next = this.current();
      next.q = text.trim();
      next.page = 1;
      this.go(next);
    }

    onInput() {
      clearTimeout(this.suggestTimer);
      const input = this.$("q");
      const q = input.value;
      if (!q.trim()) return this.hideSuggestions();
      // Debounced: one request per pause in typing, and the previous one is cancelled.
      this.suggestTimer = setTimeout(async () => {
        if (this.suggestAbort) this.suggestAbort.abort();
        const mine = (this.suggestAbort = new AbortController());
        try {
          const res = await fetch(this.api + "/api/suggest?" + new URLSearchParams({ q, limit: "8" }), { signal: mine.signal });
          if (!res.ok) return this.hideSuggestions();
          const body = await res.json();
          if (input.value === q && this.shadowRoot.activeElement === input) this.showSuggestions(body.suggestions || []);
        } catch (err) {
          if (err.name !== "AbortError") this.hideSuggestions();
        }
      }, 150);
    }

    onKeyDown(e) {
      const open = !this.$("suggestions").hidden;
      if (e.key === "ArrowDown" && open) { e.preventDefault(); this.setActive(this.active + 1); }
      else if (e.key === "ArrowUp" && open) { e.preventDefault(); this.setActive(this.active - 1); }
      else if (e.key === "Escape" && open) { e.preventDefault(); this.hideSuggestions(); }
      else if (e.key === "Enter" && open && this.active >= 0) { e.preventDefault(); this.choose(this.$("suggestions").children[this.active].textContent); }
    }
  }

  customElements.define("pepsearch-box", PepsearchBox);
})();
