// The search page's behaviour: reads the state (q, facet filters, page, grouping) from the URL, calls
// searchd's /api/search and /api/suggest, and renders results, facets and paging. Results are
// grouped by monograph unless the URL says group=none: one card per monograph with its best passage
// and its other matching passages folded beneath. The URL is the only state, so any search can be
// shared or bookmarked and Back/Forward work.
// Plain script, no build step; all server text goes in via textContent except the snippet, whose
// <mark> highlights are kept and everything else dropped.
"use strict";

(function () {
  const API = document.body.dataset.api || "";
  const PER_PAGE = 10;
  const SUB_LIMIT = 5;  // passages shown beneath a monograph's best one
  const MAX_PAGE = 1000;
  const FACETS = [
    { name: "compound", label: "Compound" },
    { name: "indication", label: "Indication" },
    { name: "grade", label: "Evidence grade" },
    { name: "evidence", label: "Type of evidence" },
  ];
  const ACRONYMS = new Set(["rct", "covid", "hiv", "aids", "vegf"]);

  const form = document.getElementById("search-form");
  const input = document.getElementById("q");
  const list = document.getElementById("suggestions");
  const statusEl = document.getElementById("status");
  const correctedEl = document.getElementById("corrected");
  const resultsEl = document.getElementById("results");
  const facetsEl = document.getElementById("facets");
  const pagerEl = document.getElementById("pager");
  const filtersEl = document.getElementById("filters");
  const resultsArea = document.getElementById("results-area");
  const groupToggle = document.getElementById("group-toggle");

  // ---- state <-> URL ----

  function readState() {
    const p = new URLSearchParams(location.search);
    const state = { q: (p.get("q") || "").trim(), page: 1, filters: {}, grouped: p.get("group") !== "none" };
    const page = parseInt(p.get("page") || "1", 10);
    if (page >= 1 && page <= MAX_PAGE) state.page = page;
    for (const f of FACETS) state.filters[f.name] = p.getAll(f.name).filter(Boolean);
    return state;
  }

  function stateParams(state) {
    const p = new URLSearchParams();
    p.set("q", state.q);
    for (const f of FACETS) for (const v of state.filters[f.name]) p.append(f.name, v);
    if (state.page > 1) p.set("page", String(state.page));
    if (!state.grouped) p.set("group", "none");  // grouped by monograph is the default
    return p;
  }

  function go(state) {
    history.pushState(null, "", "?" + stateParams(state).toString());
    run(state);
  }

  // ---- display helpers ----

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

  // A value without a label from the API (one ticked that has no count now): "renal-cell-carcinoma" ->
  // "Renal cell carcinoma", "thymosin-alpha-1" -> "Thymosin alpha-1".
  function prettyValue(facet, value) {
    if (facet === "grade") return value.toUpperCase();
    const parts = value.split("-");
    let out = "";
    parts.forEach((part, i) => {
      let word = ACRONYMS.has(part) || part.length === 1 ? part.toUpperCase() : part;
      if (i === 0) word = word.charAt(0).toUpperCase() + word.slice(1);
      out += i === 0 ? word : (/^\d/.test(part) ? "-" : " ") + word;
    });
    return out;
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

  // ---- rendering ----

  // A passage's section and grade badges.
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
    if (cites.length) {
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
    return null;
  }

  function renderResult(r, rank) {
    const src = r.source || {};
    const titleText = src.title || src.path || "Untitled";
    const title = safeUrl(src.url) ? el("a", { href: src.url, text: titleText }) : document.createTextNode(titleText);
    const article = el("article", { class: "result", "aria-labelledby": "r" + rank },
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
    article.dataset.id = r.id || "";
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

  // The facet box the reader just toggled: re-rendering replaces it, so focus goes back to its twin.
  let refocus = null;

  function renderFacets(state, facets) {
    facetsEl.replaceChildren();
    for (const f of FACETS) {
      const counts = (facets && facets[f.name]) || [];
      const selected = state.filters[f.name];
      const shown = counts.map((c) => ({ value: c.value, count: c.count, label: c.label }));
      if (f.name === "grade") shown.sort((a, b) => a.value.localeCompare(b.value));  // A..D reads better than by count
      // A chosen value stays visible (with 0) so it can be unticked.
      for (const v of selected) if (!shown.some((c) => c.value === v)) shown.push({ value: v, count: 0 });
      if (!shown.length) continue;
      const fs = el("fieldset", { class: "facet" }, el("legend", { text: f.label }));
      shown.forEach((c, i) => {
        const id = "f-" + f.name + "-" + i;
        const box = el("input", { type: "checkbox", id, name: f.name, value: c.value });
        box.checked = selected.includes(c.value);
        box.addEventListener("change", () => {
          refocus = { name: f.name, value: c.value };
          const next = readState();
          const values = next.filters[f.name].filter((v) => v !== c.value);
          if (box.checked) values.push(c.value);
          next.filters[f.name] = values;
          next.page = 1;
          go(next);
        });
        fs.append(el("div", { class: "facet-option" }, box,
          el("label", { for: id }, el("span", { class: "facet-value", text: c.label || prettyValue(f.name, c.value) }),
            el("span", { class: "count", "data-count": String(c.count), "aria-label": c.count + " results", text: String(c.count) }))));
      });
      facetsEl.append(fs);
    }
    if (refocus) {
      const twin = [...facetsEl.querySelectorAll("input")].find((b) => b.name === refocus.name && b.value === refocus.value);
      if (twin) twin.focus();
      refocus = null;
    }
  }

  function renderPager(state, total) {
    pagerEl.replaceChildren();
    const pages = Math.min(MAX_PAGE, Math.ceil(total / PER_PAGE));
    pagerEl.hidden = pages <= 1;
    if (pages <= 1) return;
    const link = (page, text, rel) => {
      const s = Object.assign({}, state, { page });
      const a = el("a", { href: "?" + stateParams(s).toString(), text });
      if (rel) a.setAttribute("rel", rel);
      if (page === state.page) a.setAttribute("aria-current", "page");
      a.addEventListener("click", (e) => {
        e.preventDefault();
        go(s);
        resultsArea.focus();
      });
      return a;
    };
    if (state.page > 1) pagerEl.append(link(state.page - 1, "‹ Previous", "prev"));
    const first = Math.max(1, state.page - 2);
    const last = Math.min(pages, first + 4);
    for (let p = first; p <= last; p++) pagerEl.append(link(p, String(p)));
    if (state.page < pages) pagerEl.append(link(state.page + 1, "Next ›", "next"));
  }

  // ---- searching ----

  let searchAbort = null;

  async function run(state) {
    input.value = state.q;
    hideSuggestions();
    if (searchAbort) searchAbort.abort();
    if (!state.q) {
      statusEl.textContent = "";
      resultsEl.replaceChildren();
      facetsEl.replaceChildren();
      pagerEl.hidden = true;
      correctedEl.hidden = true;
      document.title = "Search the peptide monographs";
      return;
    }
    const mine = (searchAbort = new AbortController());
    statusEl.textContent = "Searching…";
    resultsArea.setAttribute("aria-busy", "true");
    const params = stateParams(state);
    params.set("per_page", String(PER_PAGE));
    params.delete("group");
    if (state.grouped) {
      params.set("group", "source");
      params.set("sub_limit", String(SUB_LIMIT));
    }
    try {
      const res = await fetch(API + "/api/search?" + params.toString(), { signal: searchAbort.signal });
      const body = await res.json();
      if (mine !== searchAbort) return;  // a newer search started while this body was read
      if (!res.ok) throw new Error(body.error || "search failed (" + res.status + ")");
      render(state, body);
    } catch (err) {
      if (err.name === "AbortError") return;
      statusEl.textContent = "Search failed: " + err.message;
      resultsEl.replaceChildren();
      pagerEl.hidden = true;
    } finally {
      resultsArea.removeAttribute("aria-busy");
    }
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

  function render(state, body) {
    document.title = state.q + " – peptide monograph search";
    const grouped = body.group === "source";
    const from = (body.page - 1) * body.per_page + 1;
    statusEl.textContent = statusText(state, body, from);
    groupToggle.checked = state.grouped;
    correctedEl.hidden = !body.corrected_query;
    correctedEl.replaceChildren();
    if (body.corrected_query) correctedEl.append("Showing results for ", el("strong", { text: body.corrected_query }));
    resultsEl.replaceChildren(...body.results.map((r, i) => (grouped ? renderGroup : renderResult)(r, from + i)));
    resultsEl.start = from;
    renderFacets(state, body.facets);
    renderPager(state, grouped ? body.total_groups : body.total);
  }

  // ---- suggestions (a combobox: arrows move, Enter picks, Escape closes) ----

  let suggestTimer = 0;
  let suggestAbort = null;
  let active = -1;

  function hideSuggestions() {
    clearTimeout(suggestTimer);
    if (suggestAbort) suggestAbort.abort();
    list.hidden = true;
    list.replaceChildren();
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function showSuggestions(all) {
    // Names and indexed words can differ only in case ("Thymogen", "thymogen"): show one.
    const seen = new Set();
    const items = all.filter((s) => !seen.has(s.toLowerCase()) && seen.add(s.toLowerCase()));
    list.replaceChildren();
    active = -1;
    input.removeAttribute("aria-activedescendant");
    items.forEach((text, i) => {
      const li = el("li", { id: "sug-" + i, role: "option", "aria-selected": "false", text });
      // mousedown, not click: the input must not lose focus before the choice is taken.
      li.addEventListener("mousedown", (e) => {
        e.preventDefault();
        choose(text);
      });
      list.append(li);
    });
    list.hidden = items.length === 0;
    input.setAttribute("aria-expanded", items.length ? "true" : "false");
  }

  function setActive(i) {
    const items = list.children;
    if (!items.length) return;
    active = (i + items.length) % items.length;
    for (let k = 0; k < items.length; k++) items[k].setAttribute("aria-selected", k === active ? "true" : "false");
    input.setAttribute("aria-activedescendant", items[active].id);
    items[active].scrollIntoView({ block: "nearest" });
  }

  function choose(text) {
    const next = readState();
    next.q = text.trim();
    next.page = 1;
    go(next);
  }

  input.addEventListener("input", () => {
    clearTimeout(suggestTimer);
    const q = input.value;
    if (!q.trim()) return hideSuggestions();
    // Debounced: one request per pause in typing, and the previous one is cancelled.
    suggestTimer = setTimeout(async () => {
      if (suggestAbort) suggestAbort.abort();
      suggestAbort = new AbortController();
      try {
        const res = await fetch(API + "/api/suggest?" + new URLSearchParams({ q, limit: "8" }), { signal: suggestAbort.signal });
        if (!res.ok) return hideSuggestions();
        const body = await res.json();
        if (input.value === q && document.activeElement === input) showSuggestions(body.suggestions || []);
      } catch (err) {
        if (err.name !== "AbortError") hideSuggestions();
      }
    }, 150);
  });

  input.addEventListener("keydown", (e) => {
    const open = !list.hidden;
    if (e.key === "ArrowDown" && open) { e.preventDefault(); setActive(active + 1); }
    else if (e.key === "ArrowUp" && open) { e.preventDefault(); setActive(active - 1); }
    else if (e.key === "Escape" && open) { e.preventDefault(); hideSuggestions(); }
    else if (e.key === "Enter" && open && active >= 0) { e.preventDefault(); choose(list.children[active].textContent); }
  });
  input.addEventListener("blur", () => setTimeout(hideSuggestions, 100));

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const next = readState();
    next.q = input.value.trim();
    next.page = 1;
    if (next.q) go(next);
  });

  groupToggle.addEventListener("change", () => {
    const next = readState();
    next.grouped = groupToggle.checked;
    next.page = 1;  // pages of monographs and pages of passages differ
    if (next.q) go(next);
  });

  window.addEventListener("popstate", () => run(readState()));

  // On a phone the filters start folded so results come first.
  if (window.matchMedia("(max-width: 47.99rem)").matches) filtersEl.open = false;
  run(readState());
  if (!input.value) input.focus();
})();
