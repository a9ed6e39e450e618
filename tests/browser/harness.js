// What the browser tests share: their arguments, a check that prints "ok - ..." or throws, searchd
// started on a free port, and Debian's Chromium launched headless through playwright-core.
"use strict";

const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { chromium } = require("playwright-core");

// --searchd BIN --index DIR --out DIR [--static DIR] [--chromium BIN]
function args() {
  const out = { chromium: "/usr/bin/chromium" };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) out[argv[i].replace(/^--/, "")] = argv[i + 1];
  for (const k of ["searchd", "index", "out"]) if (!out[k]) throw new Error("missing --" + k);
  return out;
}

function check(cond, what) {
  if (!cond) throw new Error("FAILED: " + what);
  console.log("ok - " + what);
}

// Starts searchd on port 0 (plus `extra` flags) and resolves with its base URL once it prints it.
function startSearchd(opt, extra = []) {
  const argv = ["--index", opt.index, "--port", "0", ...extra];
  if (opt.static) argv.push("--static", opt.static);
  const proc = spawn(opt.searchd, argv, { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("searchd did not print its URL within 10 s")), 10000);
    proc.on("exit", (code) => reject(new Error("searchd exited early with " + code)));
    proc.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/\S+?)\/?\s/);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: m[1] });
      }
    });
  });
}

// Runs `body(context)` in a fresh headless Chromium profile, removed afterwards.
async function withChromium(opt, body) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "pepsearch-chromium-"));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: opt.chromium,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      viewport: { width: 1200, height: 900 },
    });
    await body(context);
  } finally {
    if (context) await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

// axe-core's violations on `page` (open shadow roots included), as "rule: target" lines. The
// script is evaluated through the DevTools protocol, which the page's CSP does not govern.
async function axeViolations(page) {
  const source = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(source + "\n;true");
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  return result.violations.flatMap((v) => v.nodes.map((n) => v.id + " (" + v.impact + "): " + JSON.stringify(n.target)));
}

// Console errors and uncaught exceptions of `page`, collected for a final check.
function problemsOf(page) {
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(e.message));
  return problems;
}

// Serves the index with searchd and opens one page in Chromium: runs `body(page, url, context)`,
// then checks the page logged no console error; searchd is stopped whatever happens.
async function withSearchdPage(opt, body) {
  fs.mkdirSync(opt.out, { recursive: true });
  const { proc, url } = await startSearchd(opt);
  try {
    await withChromium(opt, async (context) => {
      const page = context.pages()[0] || (await context.newPage());
      const problems = problemsOf(page);
      await body(page, url, context);
      check(problems.length === 0, "no console errors" + (problems.length ? ": " + problems.join("; ") : ""));
    });
  } finally {
    proc.kill("SIGTERM");
  }
}

// Runs a test's main: prints "<name>: all checks passed", or the error and exit status 1.
function runMain(name, main) {
  main().then(
    () => console.log(name + ": all checks passed"),
    (err) => {
      console.error(err.stack || String(err));
      process.exit(1);
    });
}

module.exports = { args, check, startSearchd, withChromium, problemsOf, axeViolations, runMain, withSearchdPage };
