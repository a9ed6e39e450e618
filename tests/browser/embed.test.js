#!/usr/bin/env node
// The box on someone else's site, in headless Chromium: a publisher's page served by a tiny HTTP
// server on one origin (with a strict CSP of its own and hostile global CSS) embeds pepsearch.js and
// <pepsearch-box> from searchd on another origin (--cors-origin names the page's origin). The test
// types a query (suggestions appear), searches (a flat list: group="none"), ticks a facet and pages forward, checking each
// result list against searchd's own API answer for the same request; it checks that the page URL
// is left alone, that the box announces its results with an event, that facet labels from the API
// are shown, that a --pepsearch-* property set on the host page changes the box's computed style
// and that the host page's CSS neither reaches in nor is changed by the box; then opens the
// evidence map inside the box (/api/evidence across origins) and a cell's claims.
//
//   node embed.test.js --searchd BIN --index DIR --out DIR [--static DIR] [--chromium BIN]
// Screenshots: DIR/embed.png, DIR/embed_map.png. Exit 0 pass, 1 fail.
"use strict";

const fs = require("fs");
const http = require("http");
const path = require("path");
const { args, check, startSearchd, withChromium, problemsOf, runMain } = require("./harness");

const PER_PAGE = 5;
const THEMED_ACCENT = "rgb(200, 0, 100)";

// The publisher's page, its stylesheet and its script (the CSP forbids inline ones).
function hostFiles(searchdUrl) {
  return {
    "/": ["text/html", `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A publisher's page</title>
<link rel="stylesheet" href="/site.css">
<script src="${searchdUrl}/pepsearch.js" defer></script>
<script src="/site.js" defer></script>
</head><body>
<h1>Peptide news</h1>
<p>Some text with a <mark id="host-mark">highlight</mark> and a <button id="host-button">button</button>.</p>
<pepsearch-box api="${searchdUrl}" per-page="${PER_PAGE}" group="none" label="Search our monographs"></pepsearch-box>
<p id="log"></p>
</body></html>`],
    // Global rules a real site might have: none of them may reach inside the box.
    "/site.css": ["text/css", `
* { font-family: "Courier New", monospace; letter-spacing: .2em; }
li, ol { display: none !important; }
input { display: none !important; }
button { background: black; color: yellow; }
.result, .count, .status { visibility: hidden !important; }
pepsearch-box { --pepsearch-accent: ${THEMED_ACCENT}; margin: 2rem 0; }
`],
    "/site.js": ["text/javascript", `
document.addEventListener("pepsearch-results", (e) => {
  document.getElementById("log").textContent = "searched " + e.detail.query + ": " + e.detail.total + " passages";
});
`],
  };
}

// Serves the host page on 127.0.0.1, port 0; `files()` is read per request (searchd starts later).
function startHost(files, csp) {
  const server = http.createServer((req, res) => {
    const file = files()[new URL(req.url, "http://x").pathname];
    if (!file) return res.writeHead(req.url === "/favicon.ico" ? 204 : 404).end();
    res.writeHead(200, { "Content-Type": file[0] + "; charset=utf-8", "Content-Security-Policy": csp() });
    res.end(file[1]);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function apiJson(url) {
  const res = await fetch(url);
  return res.json();
}

// searchd's answer for what the box should show (group="none": a flat list of passages): their ids, in order.
async function expectedIds(searchdUrl, q, extra) {
  const p = new URLSearchParams({ q, per_page: String(PER_PAGE), ...extra });
  const body = await apiJson(searchdUrl + "/api/search?" + p);
  return { ids: body.results.map((r) => r.id), body };
}

const shown = (page) => page.locator("#results article.result").evaluateAll((as) => as.map((a) => a.dataset.id));
const statusOf = () => document.querySelector("pepsearch-box").shadowRoot.querySelector("#status").textContent;

async function waitForNewStatus(page, previous) {
  await page.waitForFunction((s) => {
    const t = document.querySelector("pepsearch-box").shadowRoot.querySelector("#status").textContent;
    return t !== s && t !== "Searching…" && t !== "";
  }, previous);
}

async function typedSearch(page, searchdUrl, hostUrl) {
  const box = page.locator("#q");
  await box.pressSequentially("thym", { delay: 40 });
  await page.locator("#suggestions li").first().waitFor({ state: "visible", timeout: 5000 });
  const suggestions = await page.locator("#suggestions li").allTextContents();
  check(suggestions.some((s) => /thymogen/i.test(s)), "suggestions come across origins: " + suggestions.join(" | "));
  await box.press("Escape");
  check(await page.locator("#suggestions").isHidden(), "Escape closes the suggestions");
  await box.fill("trial");
  await box.press("Enter");
  await waitForNewStatus(page, "");
  const want = await expectedIds(searchdUrl, "trial", {});
  check(JSON.stringify(await shown(page)) === JSON.stringify(want.ids), "'trial' shows the API's first page: " + want.ids.join(", "));
  check(page.url() === hostUrl, "the host page's URL is left alone");
  await page.locator("#log").filter({ hasText: "searched trial" }).waitFor();
  check((await page.locator("#log").textContent()) === "searched trial: " + want.body.total + " passages",
        "the box announces its results with a pepsearch-results event");
  return want.body;
}

async function facetAndPaging(page, searchdUrl) {
  const value = "thymosin-alpha-1";
  const before = await page.evaluate(statusOf);
  await page.locator(`#facets input[name="compound"][value="${value}"]`).check();
  await waitForNewStatus(page, before);
  const filtered = await expectedIds(searchdUrl, "trial", { compound: value });
  check(JSON.stringify(await shown(page)) === JSON.stringify(filtered.ids),
        "ticking " + value + " shows the API's filtered results: " + filtered.ids.join(", "));
  check(await page.locator(`#facets input[name="compound"][value="${value}"]`).isChecked(), "the ticked box stays ticked");
  check(filtered.body.total > PER_PAGE, "the filtered results span pages (" + filtered.body.total + " passages)");

  const page1 = await page.evaluate(statusOf);
  await page.locator('#pager a[rel="next"]').click();
  await waitForNewStatus(page, page1);
  const second = await expectedIds(searchdUrl, "trial", { compound: value, page: "2" });
  check(JSON.stringify(await shown(page)) === JSON.stringify(second.ids), "Next shows the API's second page: " + second.ids.join(", "));
  check((await page.locator('#pager a[aria-current="page"]').textContent()) === "2", "the pager marks page 2 as current");
  const focused = await page.evaluate(() => document.querySelector("pepsearch-box").shadowRoot.activeElement.id);
  check(focused === "results-area", "paging moves focus to the results");
}

// The --pepsearch-* properties theme the box; the host's own rules stay outside it and vice versa.
async function styling(page) {
  const button = page.locator('button[type="submit"]');
  const bg = () => button.evaluate((b) => getComputedStyle(b).backgroundColor);
  check((await bg()) === THEMED_ACCENT, "--pepsearch-accent set on the host page colours the Search button");
  await page.evaluate(() => document.querySelector("pepsearch-box").style.setProperty("--pepsearch-accent", "rgb(0, 128, 0)"));
  check((await bg()) === "rgb(0, 128, 0)", "changing --pepsearch-accent restyles the box at once");
  await page.evaluate(() => document.querySelector("pepsearch-box").style.setProperty("--pepsearch-accent", "initial"));
  check((await bg()) === "rgb(31, 95, 191)", "without --pepsearch-accent the box has its own default");
  await page.evaluate(() => document.querySelector("pepsearch-box").style.removeProperty("--pepsearch-accent"));
  const inside = await page.locator("#status").evaluate((s) => [getComputedStyle(s).visibility, getComputedStyle(s).fontFamily]);
  check(inside[0] === "visible" && !/Courier/.test(inside[1]), "the host's global CSS does not reach inside: " + inside.join(", "));
  check(await page.locator("#results article.result").first().isVisible(), "results stay visible despite the host's li { display: none }");
  const hostMark = await page.evaluate(() => getComputedStyle(document.getElementById("host-mark")).backgroundColor);
  check(hostMark === "rgb(255, 255, 0)", "the box's styles do not leak onto the host page (mark stays " + hostMark + ")");
}

// Facet counts gaining "label" (the vocabulary's display name): shown when present.
async function facetLabels(page) {
  await page.route("**/api/search?*", async (route) => {
    const res = await route.fetch();
    const body = await res.json();
    for (const c of body.facets.compound || []) c.label = "Label of " + c.value;
    await route.fulfill({ response: res, json: body });
  });
  const before = await page.evaluate(statusOf);
  await page.locator("#q").fill("VEGF");
  await page.locator("#q").press("Enter");
  await waitForNewStatus(page, before);
  // [value, text shown, count]; the ticked thymosin-alpha-1 has no VEGF passages, so no count object
  // (no label): it stays listed under its slug so it can be unticked.
  const options = await page.locator('#facets input[name="compound"]').evaluateAll((boxes) => boxes.map((b) => {
    const label = b.parentElement.querySelector("label");
    return [b.value, label.querySelector(".facet-value").textContent, Number(label.querySelector(".count").dataset.count)];
  }));
  const counted = options.filter((o) => o[2] > 0);
  check(counted.length > 0 && counted.every((o) => o[1] === "Label of " + o[0]), "facet labels from the API are shown: " + JSON.stringify(counted));
  check(options.some((o) => o[2] === 0 && o[1] === o[0]), "a value without a count object shows its slug: " + JSON.stringify(options));
  await page.unroute("**/api/search?*");
}

// The evidence map inside the embedded box: its tab switches views without touching the host's
// URL, /api/evidence answers across origins (searchd's CORS), a cell opens its claims and Escape
// gives focus back; searchd's own /api/evidence answer is the oracle.
async function evidenceMap(page, searchdUrl, hostUrl, out) {
  const api = await apiJson(searchdUrl + "/api/evidence");
  await page.locator("#view-map").click();
  await page.locator("#map-table").waitFor();
  check(page.url() === hostUrl, "the map opens inside the box, the host page's URL left alone");
  check((await page.locator("#map-table tbody tr").count()) === api.compounds.length && api.compounds.length > 0,
        "the embedded map has a row per compound (" + api.compounds.length + ")");
  const cell = page.locator("#map-table button.cell").first();
  const key = [await cell.getAttribute("data-compound"), await cell.getAttribute("data-indication")];
  const pair = api.pairs.find((p) => p.compound === key[0] && p.indication === key[1]);
  await cell.click();
  await page.locator("#map-panel .source").first().waitFor();
  const sources = new Set(pair.claims.map((c) => c.source)).size;
  check((await page.locator("#map-panel .source").count()) === sources, "a cell opens its claims in the embedded box (" + key.join("/") + ")");
  await page.keyboard.press("Escape");
  check((await page.evaluate(() => document.querySelector("pepsearch-box").shadowRoot.activeElement.dataset.indication)) === key[1],
        "Escape gives focus back to the cell");
  await page.screenshot({ path: path.join(out, "embed_map.png"), fullPage: true });
  await page.locator("#view-search").click();
  await page.locator("#results-area").waitFor({ state: "visible" });
  await page.waitForFunction(() => /VEGF/.test(document.querySelector("pepsearch-box").shadowRoot.querySelector("#status").textContent));
  check(await page.locator("#map-area").isHidden(), "Search results switches back to the last search");
}

async function main() {
  const opt = args();
  fs.mkdirSync(opt.out, { recursive: true });
  let searchdUrl = "";
  const host = await startHost(() => hostFiles(searchdUrl), () =>
    `default-src 'self'; script-src 'self' ${searchdUrl}; connect-src ${searchdUrl}; style-src 'self'`);
  const hostUrl = "http://127.0.0.1:" + host.address().port + "/";
  const { proc, url } = await startSearchd(opt, ["--cors-origin", hostUrl.replace(/\/$/, "")]);
  searchdUrl = url;
  try {
    await withChromium(opt, async (context) => {
      const page = context.pages()[0] || (await context.newPage());
      const problems = problemsOf(page);
      await page.goto(hostUrl);
      check(await page.getByLabel("Search our monographs").isVisible(), "the embedded box has its label");
      await typedSearch(page, searchdUrl, hostUrl);
      await facetAndPaging(page, searchdUrl);
      await styling(page);
      await page.screenshot({ path: path.join(opt.out, "embed.png"), fullPage: true });
      await facetLabels(page);
      await evidenceMap(page, searchdUrl, hostUrl, opt.out);
      check(problems.length === 0, "no console errors (CORS, CSP)" + (problems.length ? ": " + problems.join("; ") : ""));
    });
  } finally {
    proc.kill("SIGTERM");
    host.close();
  }
}

runMain("embedded box", main);
