#!/usr/bin/env node
// The evidence card and map end to end, in headless Chromium: searchd over an index of corpus/ and
// ../shared/corpus, nothing stubbed. searchd's own answers are the oracle for what the page must
// show: "thymosin sepsis" gets the card (its claims as /api/search's `evidence` has them, the
// positive 361-patient and the null 1,106-patient trial, "Sources disagree"), "VEGF lowering"
// none; the map shows every compound and indication /api/evidence lists, each pair's cell where
// it belongs, and a cell opened with the keyboard lists that pair's claims; axe-core checks both;
// the indication facet shows its values under their parents.
//
//   node evidence_page.test.js --searchd BIN --index DIR --out DIR [--static DIR] [--chromium BIN]
// Screenshots go to DIR (evidence_card.png, evidence_map.png). Exit 0 pass, 1 fail.
"use strict";

const path = require("path");
const { args, check, axeViolations, runMain, withSearchdPage } = require("./harness");

const statusHas = (text) => document.querySelector("pepsearch-box").shadowRoot.querySelector("#status").textContent.includes(text);

async function apiJson(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(url + " answered " + res.status + ": " + (await res.text()));
  return res.json();
}

async function card(page, url, out) {
  const api = await apiJson(url + "/api/search?" + new URLSearchParams({ q: "thymosin sepsis", group: "source", sub_limit: "5", per_page: "10" }));
  const pair = api.evidence;
  check(pair && pair.compound === "thymosin-alpha-1" && pair.indication === "sepsis", "searchd sends the thymosin/sepsis pair for 'thymosin sepsis'");
  await page.goto(url + "/?q=thymosin+sepsis");
  const ev = page.locator("#evidence");
  await ev.waitFor({ state: "visible" });
  check(/Thymosin alpha-1 — Sepsis/.test(await ev.locator("h2").textContent()), "the card names the pair");
  const sources = [...new Set(pair.claims.map((c) => c.source))];
  const shownSources = await ev.locator(".source").evaluateAll((lis) => lis.map((li) => li.dataset.source));
  check(JSON.stringify(shownSources) === JSON.stringify(sources), "the card lists the API's sources, in order: " + shownSources.join(", "));
  const trials = (await ev.locator(".source .trial").allTextContents()).join(" | ");
  check(/n=361\b/.test(trials) && /n=1,106\b/.test(trials), "both trials with their sizes: " + trials);
  check(/n=361[^|]*positive result/.test(trials) && /n=1,106[^|]*no significant difference/.test(trials),
        "the smaller trial found a benefit, the larger none");
  check(pair.conflict && (await ev.getByText("Sources disagree").isVisible()), "the card says Sources disagree");
  const badges = await ev.locator(".source .claim-head .badge").allTextContents();
  check(badges.length === sources.length && badges.every(Boolean), "a grade badge from each source: " + badges.join(", "));
  const passages = new Set(pair.claims.map((c) => c.passage.id));
  const linked = await ev.locator(".source").evaluateAll((lis) => lis.map((li) => [...li.querySelectorAll("a.passage-link")].map((a) => a.dataset.passage)));
  check(linked.every((ids) => ids.length > 0 && ids.every((id) => passages.has(id))), "each source links to its claims' passages");
  await page.screenshot({ path: path.join(out, "evidence_card.png") });
  const violations = await axeViolations(page);
  check(violations.length === 0, "axe-core: no violations on the results with the card" + (violations.length ? ": " + violations.join("; ") : ""));

  const plain = await apiJson(url + "/api/search?q=VEGF+lowering");
  await page.locator("#q").fill("VEGF lowering");
  await page.locator("#q").press("Enter");
  await page.waitForFunction(statusHas, "VEGF lowering");
  check(!("evidence" in plain) && (await ev.isHidden()), "no card for 'VEGF lowering', which names no pair");
}

async function map(page, url, out) {
  const api = await apiJson(url + "/api/evidence");
  await page.setViewportSize({ width: 1440, height: 900 });  // the whole table in the screenshot
  await page.goto(url + "/?view=map");
  await page.locator("#map-table").waitFor();
  const shown = await page.evaluate(() => {
    const table = document.querySelector("pepsearch-box").shadowRoot.getElementById("map-table");
    return {
      rows: [...table.querySelectorAll("tbody th[scope=row]")].map((th) => th.dataset.compound),
      cols: [...table.querySelectorAll("thead th[data-indication]")].map((th) => th.dataset.indication),
      cells: [...table.querySelectorAll("button.cell")].map((b) => b.dataset.compound + "/" + b.dataset.indication + "/" +
        b.closest("tr").querySelector("th").dataset.compound),
    };
  });
  const sorted = (a) => JSON.stringify([...a].sort());
  check(sorted(shown.rows) === sorted(api.compounds.map((c) => c.value)), "a row for every compound: " + shown.rows.join(", "));
  check(sorted(shown.cols) === sorted(api.indications.map((i) => i.value)), "a column for every indication: " + shown.cols.length);
  check(shown.cells.length === api.pairs.length && shown.cells.every((c) => c.split("/")[0] === c.split("/")[2]),
        "a cell for every pair, in its compound's row (" + shown.cells.length + ")");
  const sepsis = page.getByRole("button", { name: /^Thymosin alpha-1, Sepsis: grade [A-D], \d+ sources, sources disagree$/ });
  check((await sepsis.count()) === 1, "the thymosin/sepsis cell says the sources disagree: " + (await sepsis.first().getAttribute("title")));

  // Keyboard: Tab to the first cell, Enter opens its claims, as /api/evidence has them.
  await page.locator("#view-map").focus();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  const first = await page.evaluate(() => {
    const b = document.querySelector("pepsearch-box").shadowRoot.activeElement;
    return { compound: b.dataset.compound, indication: b.dataset.indication };
  });
  check(!!first.compound, "Tab reaches a cell: " + first.compound + "/" + first.indication);
  await page.keyboard.press("Enter");
  await page.locator("#map-panel").waitFor({ state: "visible" });
  const pair = api.pairs.find((p) => p.compound === first.compound && p.indication === first.indication);
  const distinct = (p) => new Set(p.claims.map((c) => c.source)).size;
  check((await page.locator("#map-panel .source").count()) === distinct(pair), "Enter opens its claims (" + distinct(pair) + " source(s))");
  await page.keyboard.press("Escape");
  await sepsis.click();
  await page.locator("#map-panel").waitFor({ state: "visible" });
  const sepsisPair = api.pairs.find((p) => p.compound === "thymosin-alpha-1" && p.indication === "sepsis");
  check((await page.locator("#map-panel .source").count()) === distinct(sepsisPair), "a click opens the sepsis cell's claims");
  await page.evaluate(() => { document.querySelector("pepsearch-box").shadowRoot.getElementById("map-scroll").scrollLeft = 0; });
  await page.screenshot({ path: path.join(out, "evidence_map.png"), fullPage: true });
  const violations = await axeViolations(page);
  check(violations.length === 0, "axe-core: no violations on the map" + (violations.length ? ": " + violations.join("; ") : ""));
  await page.setViewportSize({ width: 1200, height: 900 });
}

// The indication facet as a tree: every value whose count names a parent sits under it, indented,
// its checkbox named "..., under PARENT"; the API's `parent` fields are the oracle.
async function facetTree(page, url) {
  const api = await apiJson(url + "/api/search?q=thymosin");
  const counts = api.facets.indication;
  const listed = new Set(counts.map((c) => c.value));
  const children = counts.filter((c) => c.parent && listed.has(c.parent));
  check(children.length > 0, "searchd's indication counts name parents: " + children.map((c) => c.value + " < " + c.parent).join(", "));
  await page.goto(url + "/?q=thymosin");
  await page.locator('#facets input[name="indication"]').first().waitFor();
  const options = await page.locator('#facets input[name="indication"]').evaluateAll((boxes) => boxes.map((b) => ({
    value: b.value, child: b.parentElement.classList.contains("facet-child"), parent: b.parentElement.dataset.parent || null })));
  const misplaced = children.filter((c) => {
    const i = options.findIndex((o) => o.value === c.value);
    const above = options.slice(0, i).reverse().find((o) => !o.child);
    return !options[i].child || options[i].parent !== c.parent || !above || above.value !== c.parent;
  });
  check(misplaced.length === 0, "each child indication sits under its parent" + (misplaced.length ? ": " + misplaced.map((c) => c.value).join(", ") : ""));
  check(options.filter((o) => o.child).length === children.length, "values without a listed parent stay at the top level");
  const first = children[0];
  const parentLabel = counts.find((c) => c.value === first.parent).label;
  const named = page.getByRole("checkbox", { name: new RegExp("^" + first.label + "\\W+under " + parentLabel + "\\b") });
  check((await named.count()) === 1,
        "a child's checkbox is named with its parent: " + first.label + ", under " + parentLabel);
}

async function main() {
  const opt = args();
  await withSearchdPage(opt, async (page, url, context) => {
  await card(page, url, opt.out);
  await map(page, url, opt.out);
  await facetTree(page, url);
  });
}

runMain("evidence page", main);
