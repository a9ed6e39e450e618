// pepsearch.js: the search box as a custom element, <pepsearch-box>, for searchd's own page and for
// any site (docs/embedding.md). A publisher adds two lines:
//   <script src="https://search.example/pepsearch.js" defer></script>
//   <pepsearch-box></pepsearch-box>
// and gets the box, suggestions as you type, results, facets (tick to filter) and paging, talking to
// the searchd the script came from (or to the one named by the `api` attribute) across origins.
// Everything lives in an open shadow root with its own style sheet, so the host page's CSS cannot
// reach in and the box's cannot leak out; the look is themed by --pepsearch-* custom properties.
// State: the query, facet filters, page and grouping, kept in the element or, with `url-state`, in
// the page URL (shareable, Back/Forward work). All server text goes in via textContent except the
// snippet, whose <mark> highlights are kept and everything else dropped.
// One file, longer than the house's 400 lines, because a publisher adds exactly one script and
// there is no build step: styles, markup and behaviour travel together.
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
@container (max-width: 30rem) { .hint { display: none; } button { padding: .55rem .7rem; } }
`;

  const MARKUP = `
<div class="box" part="box">
  <a class="skip" href="#results-area">Skip to results</a>
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
      <ol id="results" class="results" part="results"></ol>
      <nav id="pager" class="pager" aria-label="Result pages" hidden part="pager"></nav>
    </section>
  </div>
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

  function copyState(state) {
    const filters = {};
    for (const f of FACETS) filters[f.name] = state.filters[f.name].slice();
    return { q: state.q, page: state.page, grouped: state.grouped, filters };
  }

  // The search's query string: the page URL's (with url-state) and, with paging added, the API's.
  function stateParams(state) {
    const p = new URLSearchParams();
    p.set("q", state.q);
    for (const f of FACETS) for (const v of state.filters[f.name]) p.append(f.name, v);
    if (state.page > 1) p.set("page", String(state.page));
    if (!state.grouped) p.set("group", "none");  // grouped by monograph is the default
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
        this.run({ q, page: 1, grouped: this.getAttribute("group") !== "none", filters: this.emptyFilters() });
      }
      if (this.hasAttribute("autofocus") && !this.$("q").value) this.$("q").focus();
    }

    disconnectedCallback() {
      window.removeEventListener("popstate", this.onPopState);
      if (this.searchAbort) this.searchAbort.abort();
      this.hideSuggestions();
    }

    focus(options) { this.$("q").focus(options); }

    // ---- state: in the element, or in the page URL with url-state ----

    emptyFilters() {
      return Object.fromEntries(FACETS.map((f) => [f.name, []]));
    }

    readUrlState() {
      const p = new URLSearchParams(location.search);
      const state = { q: (p.get("q") || "").trim(), page: 1, filters: {}, grouped: p.get("group") !== "none" };
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
        this.$("results-area").focus();
      });
    }

    // ---- searching ----

    clearResults() {
      this.$("status").textContent = "";
      this.$("results").replaceChildren();
      this.$("facets").replaceChildren();
      this.$("pager").hidden = true;
      this.$("corrected").hidden = true;
    }

    async run(state) {
      this.state = copyState(state);
      this.$("q").value = state.q;
      this.$("group-toggle").checked = state.grouped;
      this.hideSuggestions();
      if (this.searchAbort) this.searchAbort.abort();
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
      this.renderFacets(state, body.facets);
      this.renderPager(state, grouped ? body.total_groups : body.total);
      this.dispatchEvent(new CustomEvent("pepsearch-results", {
        bubbles: true, composed: true,
        detail: { query: state.q, filters: copyState(state).filters, page: body.page, total: body.total,
                  totalGroups: grouped ? body.total_groups : undefined, response: body },
      }));
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
      const shown = counts.map((c) => ({ value: c.value, count: c.count, label: facetLabel(f.name, c) }));
      if (f.name === "grade") shown.sort((a, b) => a.value.localeCompare(b.value));  // A..D reads better than by count
      // A chosen value stays visible (with 0) so it can be unticked.
      for (const v of selected) {
        if (!shown.some((c) => c.value === v)) shown.push({ value: v, count: 0, label: facetLabel(f.name, { value: v }) });
      }
      if (!shown.length) return null;
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
        fs.append(el("div", { class: "facet-option" }, box,
          el("label", { for: id }, el("span", { class: "facet-value", text: c.label }),
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
