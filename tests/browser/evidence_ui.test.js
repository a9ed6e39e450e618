#!/usr/bin/env node
// The evidence card and the evidence map against the JSON contract, in headless Chromium: searchd
// serves the page and real search results, and the test answers /api/evidence with
// fixtures/evidence.json and adds that file's thymosin/sepsis pair as `evidence` to the real answer
// for "thymosin sepsis" (page.route), so what the page must show is known exactly (the fixture is
// the oracle). Checks: the card above the passages with both trials and "Sources disagree", its
// claims linking to passages (focused when on the page, the pair's search otherwise), no card
// without `evidence`; the map's rows, grouped columns and cells placed by the fixture, cell labels,
// a click and Enter opening the claims panel, arrow keys between cells, Escape returning focus,
// Back/Forward between the views, axe-core's checks, phone width, an answer without the route.
//
//   node evidence_ui.test.js --searchd BIN --index DIR --out DIR [--static DIR] [--chromium BIN]
// Screenshots go to DIR (evidence_card_fixture.png, evidence_map_fixture.png). Exit 0 pass, 1 fail.
"use strict";

const fs = require("fs");
const path = require("path");
const { args, check, axeViolations, runMain, withSearchdPage } = require("./harness");

const FIXTURE = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "evidence.json"), "utf8"));
const SEPSIS = FIXTURE.pairs.find((p) => p.compound === "thymosin-alpha-1" && p.indication === "sepsis");
const inBox = (fn) => `(() => { const root = document.querySelector("pepsearch-box").shadowRoot; return (${fn})(root); })()`;

// /api/evidence from the fixture; /api/search as searchd answers, plus the sepsis pair for
// "thymosin sepsis", its first claim pointed at a passage folded under the first monograph.
async function routeFixture(page) {
  await page.route("**/api/evidence*", (route) => route.fulfill({ json: FIXTURE }));
  await page.route("**/api/search?*", async (route) => {
    const res = await route.fetch();
    const body = await res.json();
    if (new URL(route.request().url()).searchParams.get("q") === "thymosin sepsis") {
      const pair = JSON.parse(JSON.stringify(SEPSIS));
      const group = body.results.find((r) => (r.sub_results || []).length);
      pair.claims[0].passage.id = group.sub_results[0].id;
      body.evidence = pair;
    }
    await route.fulfill({ response: res, json: body });
  });
}

async function card(page, url, out) {
  await page.goto(url + "/?q=thymosin+sepsis");
  const ev = page.locator("#evidence");
  await ev.waitFor({ state: "visible" });
  check((await ev.locator("h2").textContent()) === "Evidence: Thymosin alpha-1 — Sepsis", "the card names the pair");
  const above = await page.evaluate(inBox((root) => {
    const c = root.getElementById("evidence").getBoundingClientRect();
    const r = root.querySelector("#results .result").getBoundingClientRect();
    return c.bottom <= r.top;
  }));
  check(above, "the card sits above the passages");
  const trials = await ev.locator(".source .trial").allTextContents();
  check(JSON.stringify(trials) === JSON.stringify(["ETASS · RCT · n=361 · 2013 · positive result",
                                                  "TESTS · Phase 3 · n=1,106 · 2025 · no significant difference"]),
        "both trials with their sizes and findings: " + trials.join(" | "));
  check(await ev.getByText("Sources disagree").isVisible(), "the card says Sources disagree");
  const badges = await ev.locator(".source .badge").evaluateAll((bs) => bs.map((b) => [b.className, b.textContent, getComputedStyle(b).backgroundColor]));
  check(badges[0][0] === "badge grade-b" && badges[0][1] === "Grade B" && badges[1][0] === "badge grade-c" && badges[1][1] === "Tier 2 (C)",
        "each source's grade badge in its own words: " + badges.map((b) => b[1]).join(", "));
  check(badges[0][2] !== badges[1][2], "grades B and C are coloured differently: " + badges[0][2] + " / " + badges[1][2]);
  await page.screenshot({ path: path.join(out, "evidence_card_fixture.png") });
  const violations = await axeViolations(page);
  check(violations.length === 0, "axe-core finds no violations on the results with the card" + (violations.length ? ": " + violations.join("; ") : ""));

  // A claim whose passage is on this page: the link focuses it (its fold opened), the URL stays.
  const before = page.url();
  const target = await page.evaluate(inBox((root) => root.querySelector("#evidence .source a.passage-link").dataset.passage));
  await ev.locator(".source").first().locator("a.passage-link").click();
  const focused = await page.evaluate(inBox((root) => [root.activeElement.dataset.id, !!root.activeElement.closest("details[open]")]));
  check(focused[0] === target && focused[1], "a claim's link focuses its passage on the page, unfolded (" + target + ")");
  check(page.url() === before, "... without leaving the page");

  // A claim whose passage is not on the page and has no URL: the pair's own search.
  await ev.locator(".source").nth(1).locator("a.passage-link").click();
  await page.waitForFunction(() => new URLSearchParams(location.search).get("indication") === "sepsis");
  const p = new URL(page.url()).searchParams;
  check(p.get("q") === "Thymosin alpha-1 Sepsis" && p.get("compound") === "thymosin-alpha-1",
        "a claim without a URL opens the pair's search: " + p.toString());

  // No pair named: no card, including after a search that had one.
  await page.goto(url + "/?q=thymosin+sepsis");
  await ev.waitFor({ state: "visible" });
  await page.locator("#q").fill("VEGF lowering");
  await page.locator("#q").press("Enter");
  await page.waitForFunction(() => document.querySelector("pepsearch-box").shadowRoot.querySelector("#status").textContent.includes("VEGF lowering"));
  check(await ev.isHidden(), "no card for a query naming no pair");
}

// The map's columns in order, from its two header rows: the indication slug of each.
const columnsOf = (root) => {
  const table = root.getElementById("map-table");
  const sub = [...(table.tHead.rows[1] || { cells: [] }).cells];
  const cols = [];
  for (const th of table.tHead.rows[0].cells) {
    if (th.scope === "colgroup") for (let k = 0; k < th.colSpan; k++) cols.push(sub.shift().dataset.indication);
    else if (th.dataset.indication) cols.push(th.dataset.indication);
  }
  return cols;
};

async function mapLayout(page, url) {
  await page.goto(url + "/?view=map");
  await page.locator("#map-table").waitFor();
  check((await page.locator("#view-map").getAttribute("aria-current")) === "page", "?view=map opens the map, its tab marked current");
  const rows = await page.locator("#map-table tbody th[scope=row]").allTextContents();
  check(JSON.stringify(rows) === JSON.stringify(FIXTURE.compounds.map((c) => c.label)), "a row per compound: " + rows.join(", "));
  const layout = await page.evaluate(inBox(`(root) => {
    const cols = (${columnsOf.toString()})(root);
    const cells = [...root.querySelectorAll("#map-table button.cell")].map((b) => ({
      compound: b.dataset.compound, indication: b.dataset.indication, label: b.querySelector(".sr-only").textContent, text: b.querySelector("[aria-hidden]").textContent,
      row: b.closest("tr").querySelector("th").dataset.compound, col: cols[b.closest("td").cellIndex - 1] }));
    const groups = [...root.querySelectorAll("#map-table th[scope=colgroup]")].map((th) => th.textContent + "/" + th.colSpan);
    const blank = [...root.querySelectorAll("#map-table tbody td")].filter((td) => !td.firstChild).length;
    return { cols, cells, groups, blank };
  }`));
  const indications = FIXTURE.indications.map((i) => i.value);
  check(JSON.stringify([...layout.cols].sort()) === JSON.stringify([...indications].sort()), "a column per indication: " + layout.cols.join(", "));
  check(JSON.stringify(layout.groups) === JSON.stringify(["Viral hepatitis/3", "Autoimmune disease/3"]),
        "children grouped under their parent's header: " + layout.groups.join(", "));
  check(layout.cells.length === FIXTURE.pairs.length && layout.cells.every((c) => c.row === c.compound && c.col === c.indication),
        "each pair's cell in its compound's row and indication's column (" + layout.cells.length + " cells)");
  check(layout.blank === rows.length * indications.length - FIXTURE.pairs.length, "cells without claims are blank (" + layout.blank + ")");
  const sepsis = layout.cells.find((c) => c.indication === "sepsis");
  check(sepsis.label === "Thymosin alpha-1, Sepsis: grade B, 2 sources, sources disagree" && sepsis.text === "B2!",
        "a cell shows grade, sources and the conflict mark, and says so: " + sepsis.label);
  check((await page.getByRole("button", { name: sepsis.label, exact: true }).count()) === 1, "... and that is the button's accessible name");
  const ungraded = layout.cells.find((c) => c.indication === "psoriatic-arthritis");
  check(ungraded.label === "Thymogen, Psoriatic arthritis: ungraded, 1 source" && ungraded.text === "–1", "an ungraded cell: " + ungraded.label);
  const colours = await page.evaluate(inBox((root) => ["a", "b", "c", "d"].map((g) => {
    const cell = root.querySelector("#map-table button.cell.grade-" + g);
    return cell && getComputedStyle(cell).backgroundColor === getComputedStyle(root.querySelector(".legend .grade-" + g)).backgroundColor;
  })));
  check(colours.every(Boolean), "cells coloured by grade as the legend is");
}

async function mapPanel(page, out) {
  // A source whose own wording is just the letter ("C") reads "Grade C", not "C (C)".
  await page.locator('#map-table button.cell[data-indication="kaposi-sarcoma"]').click();
  const kaposi = await page.locator("#map-panel .source .claim-head .badge").allTextContents();
  check(JSON.stringify(kaposi) === JSON.stringify(["Grade C", "Grade C"]), "a bare letter reads as its grade: " + kaposi.join(", "));
  await page.keyboard.press("Escape");
  const cell = page.locator('#map-table button.cell[data-indication="sepsis"]');
  await cell.click();
  const panel = page.locator("#map-panel");
  await panel.waitFor({ state: "visible" });
  check((await cell.getAttribute("aria-expanded")) === "true", "the clicked cell is marked expanded");
  check((await panel.locator(".source").count()) === SEPSIS.claims.length, "the panel lists the pair's claims, one source each");
  const hrefs = await panel.locator("a.passage-link").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  check(hrefs[0] === SEPSIS.claims[0].passage.url, "a claim links to its passage's URL: " + hrefs[0]);
  check((await page.evaluate(inBox((root) => root.activeElement.id))) === "panel-title", "focus moves to the panel's heading");
  await page.screenshot({ path: path.join(out, "evidence_map_fixture.png"), fullPage: true });
  const violations = await axeViolations(page);
  check(violations.length === 0, "axe-core finds no violations on the map with its panel open" + (violations.length ? ": " + violations.join("; ") : ""));
  await page.keyboard.press("Escape");
  check(await panel.isHidden(), "Escape closes the panel");
  check((await page.evaluate(inBox((root) => root.activeElement.dataset.indication))) === "sepsis", "... and focus returns to its cell");
}

async function mapKeyboard(page) {
  await page.locator("#view-map").focus();
  const label = () => page.evaluate(inBox((root) => root.activeElement.title || root.activeElement.id));
  await page.keyboard.press("Tab");
  check((await label()) === "map-scroll", "Tab reaches the map's scrolling region");
  await page.keyboard.press("Tab");
  check(/^Thymosin alpha-1, Sepsis/.test(await label()), "Tab reaches the first cell");
  await page.keyboard.press("ArrowRight");
  check(/^Thymosin alpha-1, Hepatitis B/.test(await label()), "ArrowRight skips blank cells to the next one: " + (await label()));
  await page.keyboard.press("ArrowDown");
  check(/^Thymosin alpha-1, Hepatitis B/.test(await label()), "ArrowDown stays when the column has nothing below");
  await page.keyboard.press("Enter");
  await page.locator("#map-panel").waitFor({ state: "visible" });
  check((await page.locator("#panel-title").textContent()) === "Thymosin alpha-1 — Hepatitis B", "Enter opens the cell's claims");
  await page.locator("#panel-close").press("Space");
  check(await page.locator("#map-panel").isHidden() && /Hepatitis B/.test(await label()), "Close (Space) hides the panel, focus back on the cell");

  // The panel's search link goes to the search view; Back returns to the map.
  await page.keyboard.press("Space");
  await page.locator("#map-panel a.pair-search").click();
  await page.waitForFunction(() => !new URLSearchParams(location.search).has("view"));
  check(new URL(page.url()).searchParams.get("indication") === "hepatitis-b" && (await page.locator("#map-area").isHidden()),
        "the panel's search link shows the pair's passages");
  await page.goBack();
  await page.locator("#map-table").waitFor({ state: "visible" });
  check((await page.locator("#view-map").getAttribute("aria-current")) === "page", "Back returns to the map");
}

async function mapEdges(context, url) {
  const page = await context.newPage();
  await page.route("**/api/evidence*", (route) => route.fulfill({ status: 404, json: { error: "no such path", code: "not_found" } }));
  await page.goto(url + "/#map");
  await page.locator("#map-status").filter({ hasText: "could not be loaded" }).waitFor();
  check(/no \/api\/evidence/.test(await page.locator("#map-status").textContent()), "#map opens the map; a searchd without /api/evidence is named");
  await page.unrouteAll();
  await routeFixture(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(url + "/?view=map");
  await page.locator("#map-table").waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, "the map scrolls inside its region at 390 px, not the page (overflow " + overflow + ")");
  await page.goto(url + "/?q=thymosin+sepsis");
  await page.locator("#evidence").waitFor({ state: "visible" });
  const cardOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(cardOverflow <= 0, "the card fits 390 px (overflow " + cardOverflow + ")");
  await page.close();
}

async function main() {
  const opt = args();
  await withSearchdPage(opt, async (page, url, context) => {
  await routeFixture(page);
  await card(page, url, opt.out);
  await mapLayout(page, url);
  await mapPanel(page, opt.out);
  await mapKeyboard(page);
  await mapEdges(context, url);
  });
}

runMain("evidence (fixture)", main);
