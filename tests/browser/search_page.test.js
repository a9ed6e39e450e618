#!/usr/bin/env node
// The search page in headless Chromium: starts searchd on a free port against a built index, then
// types a query into the page's <pepsearch-box> (pepsearch.js; its parts live in an open shadow root,
// which Playwright's locators pierce and page functions reach through .shadowRoot): suggestions
// appear, it searches, ticks a facet and checks that the result list and
// the other facets' counts change, that the state lives in the URL, that results are grouped by
// monograph (a group unfolds; a switch goes to the flat list and back), and that the page works at
// phone width. Drives Debian's /usr/bin/chromium through playwright-core (no browser download).
//
//   node search_page.test.js --searchd BIN --index DIR --out DIR [--static DIR] [--chromium BIN]
// Screenshots go to DIR (search_page.png, _suggestions, _grouped, _corrected, _phone). Exit 0 pass, 1 fail.
"use strict";

const path = require("path");
const { args, check, runMain, withSearchdPage } = require("./harness");

async function facetCounts(page, facet) {
  return page.$$eval(`#facets input[name="${facet}"]`, (boxes) =>
    Object.fromEntries(boxes.map((b) => [b.value, Number(b.parentElement.querySelector(".count").dataset.count)])));
}

// The grouped page: each card's source, every passage id shown (cards and folded ones), the status.
async function groupedView(page) {
  return {
    sources: await page.locator("#results article.group").evaluateAll((as) => as.map((a) => a.dataset.source)),
    ids: await page.locator("#results article.group, #results .sub-result").evaluateAll((ns) => ns.map((n) => n.dataset.id)),
    status: await page.locator("#status").textContent(),
  };
}

async function main() {
  const opt = args();
  await withSearchdPage(opt, async (page, url, context) => {

  await page.goto(url + "/");
  check(await page.getByLabel("Search the monographs").isVisible(), "the search box has a label");

  // Suggestions as you type, chosen with the keyboard.
  const box = page.locator("#q");
  await box.pressSequentially("thym", { delay: 40 });
  await page.locator("#suggestions li").first().waitFor({ state: "visible", timeout: 5000 });
  const suggestions = await page.locator("#suggestions li").allTextContents();
  check(suggestions.some((s) => /thymogen/i.test(s)), "typing 'thym' suggests Thymogen: " + suggestions.join(" | "));
  check((await box.getAttribute("aria-expanded")) === "true", "the combobox reports its list open");
  await page.screenshot({ path: path.join(opt.out, "search_page_suggestions.png") });
  await box.press("ArrowDown");
  await box.press("Enter");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("q"));
  check(new URL(page.url()).searchParams.get("q") === suggestions[0], "ArrowDown + Enter searches the first suggestion");

  // A typed search.
  await box.fill("");
  await box.pressSequentially("trial", { delay: 20 });
  await box.press("Enter");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("q") === "trial");
  await page.locator("#results .result").first().waitFor();
  // The previous search's results may still be on the page: wait for this search's own status.
  await page.waitForFunction(() => document.querySelector("pepsearch-box").shadowRoot.querySelector("#status").textContent.includes("“trial”"));
  const before = {
    status: await page.locator("#status").textContent(),
    titles: await page.locator("#results .result-title").allTextContents(),
    compound: await facetCounts(page, "compound"),
    indication: await facetCounts(page, "indication"),
  };
  check(before.titles.length > 0, "'trial' shows results (" + before.status.trim() + ")");
  check((await page.locator("#results .snippet mark").count()) > 0, "snippets highlight the matched words");
  check((await page.locator("#results .badge").count()) > 0, "results carry a grade badge");
  check((await page.locator("#results .section").count()) > 0, "results show their section");
  check(Object.keys(before.compound).length >= 2, "compound facet lists values with counts " + JSON.stringify(before.compound));
  // Facet values show the vocabulary's display label that the API sends beside each slug.
  const hivLabel = await page.locator('#facets input[name="indication"][value="hiv-aids"] + label .facet-value').textContent();
  check(hivLabel === "HIV/AIDS", "the indication facet shows the label HIV/AIDS, not the slug (got " + hivLabel + ")");

  // Tick a facet: the list and the other facets' counts change; the ticked facet keeps its counts.
  const value = "thymosin-alpha-1";
  await page.locator(`#facets input[name="compound"][value="${value}"]`).check();
  await page.waitForFunction((v) => new URLSearchParams(location.search).getAll("compound").includes(v), value);
  await page.waitForFunction((s) => document.querySelector("pepsearch-box").shadowRoot.querySelector("#status").textContent !== s, before.status);
  const after = {
    status: await page.locator("#status").textContent(),
    compound: await facetCounts(page, "compound"),
    indication: await facetCounts(page, "indication"),
  };
  check(after.status !== before.status, "the result count changes: " + after.status.trim());
  check(JSON.stringify(after.indication) !== JSON.stringify(before.indication),
        "indication counts follow the compound filter " + JSON.stringify(after.indication));
  check(JSON.stringify(after.compound) === JSON.stringify(before.compound),
        "the compound facet's own counts ignore its own filter (multi-select)");
  check(await page.locator(`#facets input[name="compound"][value="${value}"]`).isChecked(), "the ticked box stays ticked");
  const refLinks = await page.locator("#results .citations a").evaluateAll((as) => as.map((a) => a.href));
  check(refLinks.every((h) => /^https:\/\/(pubmed\.ncbi\.nlm\.nih\.gov|doi\.org)\/|^https?:\/\//.test(h)),
        "reference links go to PubMed, doi.org or the source (" + refLinks.length + " links)");
  await page.locator("#results details.refs").first().evaluate((d) => { d.open = true; });
  await page.screenshot({ path: path.join(opt.out, "search_page.png"), fullPage: true });

  // The URL is the state: a fresh page on it shows the same search.
  const shared = page.url();
  const page2 = await context.newPage();
  await page2.goto(shared);
  await page2.locator("#results .result").first().waitFor();
  check((await page2.locator("#q").inputValue()) === "trial", "a shared URL restores the query");
  check(await page2.locator(`#facets input[name="compound"][value="${value}"]`).isChecked(), "a shared URL restores the facet");

  // Keyboard: Space on a focused facet box filters, and focus stays on that box afterwards.
  const gradeBox = page.locator('#facets input[name="grade"]').first();
  const gradeValue = await gradeBox.getAttribute("value");
  const statusBefore = await page.locator("#status").textContent();
  await gradeBox.focus();
  await page.keyboard.press("Space");
  await page.waitForFunction((v) => new URLSearchParams(location.search).getAll("grade").includes(v), gradeValue);
  await page.waitForFunction((s) => document.querySelector("pepsearch-box").shadowRoot.querySelector("#status").textContent !== s, statusBefore);
  const focused = await page.evaluate(() => {
    const a = document.querySelector("pepsearch-box").shadowRoot.activeElement;
    return [a.name, a.value, a.checked];
  });
  check(focused[0] === "grade" && focused[1] === gradeValue && focused[2], "Space ticks a facet and keeps keyboard focus on it");
  await page.goBack();
  await page.waitForFunction(() => !new URLSearchParams(location.search).has("grade"));

  // Back undoes the facet.
  await page.goBack();
  await page.waitForFunction(() => !new URLSearchParams(location.search).has("compound"));
  await page.waitForFunction((s) => document.querySelector("pepsearch-box").shadowRoot.querySelector("#status").textContent === s, before.status);
  check(true, "Back returns to the unfiltered results");

  // Grouped by monograph, the default: one card per monograph, its other passages folded beneath.
  await page.goto(url + "/?q=trial");
  await page.locator("#results article.group").first().waitFor();
  check(!new URL(page.url()).searchParams.has("group") && (await page.locator("#group-toggle").isChecked()),
        "results are grouped by monograph by default");
  const grouped = await groupedView(page);
  check(grouped.sources.length > 0 && new Set(grouped.sources).size === grouped.sources.length,
        "one card per monograph: " + grouped.sources.join(", "));
  check(new Set(grouped.ids).size === grouped.ids.length, "no passage appears twice on the grouped page");
  check(/ in \d+ monographs? match/.test(grouped.status), "the status counts monographs: " + grouped.status.trim());
  const card = page.locator("#results article.group:has(details.more)").first();
  const summary = (await card.locator("details.more > summary").textContent()).trim();
  check(/^\d+ more passages? in this monograph$/.test(summary), "a card offers '" + summary + "'");
  check(!(await card.locator(".sub-result").first().isVisible()), "a monograph's other passages start folded");
  await card.locator("details.more > summary").click();
  await card.locator(".sub-result").first().waitFor({ state: "visible" });
  const subSections = await card.locator(".sub-result .section").allTextContents();
  check(subSections.length > 0 && subSections.every(Boolean), "unfolded, they show their sections: " + subSections.join(" | "));
  const apiGroup = await page.evaluate(async (src) => {
    const body = await (await fetch("/api/search?q=trial&per_page=10&group=source&sub_limit=5")).json();
    return body.results.find((r) => r.source.id === src);
  }, await card.getAttribute("data-source"));
  check(JSON.stringify(await card.locator(".sub-result").evaluateAll((lis) => lis.map((li) => li.dataset.id))) ===
        JSON.stringify(apiGroup.sub_results.map((r) => r.id)), "the unfolded passages are the API's sub_results, in order");
  await page.screenshot({ path: path.join(opt.out, "search_page_grouped.png"), fullPage: true });

  // The switch: to the flat list of passages (group=none in the URL) and back.
  await page.locator("#group-toggle").uncheck();
  await page.waitForFunction(() => new URLSearchParams(location.search).get("group") === "none");
  await page.waitForFunction(() => !document.querySelector("pepsearch-box").shadowRoot.querySelector("#results article.group") && document.querySelector("pepsearch-box").shadowRoot.querySelector("#results .result"));
  const flatTitles = await page.locator("#results .result-title").allTextContents();
  check(flatTitles.length > grouped.sources.length && new Set(flatTitles).size < flatTitles.length,
        "the flat list shows passages, titles repeating (" + flatTitles.length + " passages)");
  check(/passages? match/.test(await page.locator("#status").textContent()), "the flat status counts passages");
  const flatUrl = page.url();
  await page.locator("#group-toggle").check();
  await page.waitForFunction(() => !new URLSearchParams(location.search).has("group"));
  await page.locator("#results article.group").first().waitFor();
  check(JSON.stringify((await groupedView(page)).ids) === JSON.stringify(grouped.ids), "switching back shows the same groups");
  await page.goBack();
  await page.waitForFunction(() => new URLSearchParams(location.search).get("group") === "none");
  await page.waitForFunction(() => !document.querySelector("pepsearch-box").shadowRoot.querySelector("#results article.group") && document.querySelector("pepsearch-box").shadowRoot.querySelector("#results .result"));
  check(!(await page.locator("#group-toggle").isChecked()), "Back returns to the flat list, the switch with it");
  const page3 = await context.newPage();
  await page3.goto(flatUrl);
  await page3.locator("#results .result").first().waitFor();
  check((await page3.locator("#results article.group").count()) === 0 && !(await page3.locator("#group-toggle").isChecked()),
        "a shared URL with group=none opens the flat list");
  await page3.close();

  // Spelling: the page says what it searched for.
  await page.goto(url + "/?q=thymosn");
  await page.locator("#corrected").waitFor({ state: "visible" });
  check(/Showing results for/.test(await page.locator("#corrected").textContent()), "a misspelt query shows 'Showing results for'");
  await page.screenshot({ path: path.join(opt.out, "search_page_corrected.png") });

  // Phone width: no sideways scrolling, results still readable.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(url + "/?q=VEGF");
  await page.locator("#results .result").first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, "no horizontal scrolling at 390 px (overflow " + overflow + ")");
  await page.screenshot({ path: path.join(opt.out, "search_page_phone.png"), fullPage: true });

  });
}

runMain("search page", main);
