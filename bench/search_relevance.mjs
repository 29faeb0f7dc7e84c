// Runs query sets in headless Chromium against aula's search page and Pagefind's JS API on the
// same built site (served by search_relevance.py). Prints one JSON object on stdout.
// Usage: node search_relevance.mjs <playwright-core dir> <base url> <queries.json> <cold q1,q2,q3>
import { createRequire } from "module";
import fs from "fs";
import os from "os";
import path from "path";

const [pwDir, base, queriesPath, coldList] = process.argv.slice(2);
const require = createRequire(path.join(pwDir, "package.json"));
const { chromium } = require("playwright-core");
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--no-first-run"];
const set = JSON.parse(fs.readFileSync(queriesPath, "utf8"));

async function fresh() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aula-bench-profile-"));
  const context = await chromium.launchPersistentContext(dir, { executablePath: "/usr/bin/chromium", headless: true, args: ARGS });
  return { context, dir };
}
async function close(c) { await c.context.close(); fs.rmSync(c.dir, { recursive: true, force: true }); }

// aula: the search page with ?q=, its result links in order (lesson page paths, no fragment).
async function aula(page, q) {
  await page.goto(base + "buscar/index.html?q=" + encodeURIComponent(q));
  await page.waitForFunction(() => {
    const s = document.querySelector(".search-page [role=status]");
    return s && s.textContent.trim() !== "" && (document.querySelectorAll(".search-page .search-results li").length > 0 || !/\d/.test(s.textContent));
  }, null, { timeout: 10000 });
  await page.waitForTimeout(50);
  return page.evaluate(() => Array.from(document.querySelectorAll(".search-page .search-results > li > a, .search-page .search-results > li > .sr-lesson"))
    .map(a => new URL(a.getAttribute("href"), location.href).pathname));
}

// Pagefind: its JS API from an empty page of the same origin; the first ten results' URLs.
async function pagefind(page, q) {
  return page.evaluate(async (q) => {
    if (!window.pf) { window.pf = await import("/pagefind/pagefind.js"); await window.pf.init(); }
    const r = await window.pf.search(q);
    const data = await Promise.all(r.results.slice(0, 10).map(x => x.data()));
    return data.map(d => new URL(d.url, location.href).pathname);
  }, q);
}

const AGGREGATE = /\/(imprimir|puntos-clave|horario|print|keypoints|schedule)\/$/;
function lessonOf(p) { return p.replace(/index\.html$/, "").replace(/^\//, ""); }

function scoreAll(results) {
  let rr = 0, recall = 0;
  set.queries.forEach((item, i) => {
    const got = results.queries[i].map(lessonOf);
    const dedup = [];
    got.forEach(g => { if (!AGGREGATE.test('/' + g) && !dedup.includes(g)) dedup.push(g); });
    const rank = dedup.slice(0, 10).findIndex(g => g === item.url);
    if (rank >= 0) { rr += 1 / (rank + 1); recall += 1; }
    results.ranks.push({ q: item.q, rank: rank + 1, top: dedup.slice(0, 3) });
  });
  results.mrr = rr / set.queries.length;
  results.recall = recall / set.queries.length;
  results.absentAnswered = results.absent.filter(a => a.length > 0).length;
}

async function run(system) {
  const c = await fresh();
  const page = await c.context.newPage();
  if (system === "pagefind") await page.goto(base + "robots.txt");
  const ask = system === "aula" ? aula : pagefind;
  const out = { queries: [], absent: [], ranks: [] };
  for (const item of set.queries) out.queries.push(await ask(page, item.q));
  for (const w of set.absent) out.absent.push(await ask(page, w));
  await close(c);
  scoreAll(out);
  // Cold bytes: a fresh profile per query, bytes of every index file the query fetched.
  out.cold = {};
  for (const q of coldList.split(",")) {
    const c2 = await fresh();
    const p = await c2.context.newPage();
    if (system === "pagefind") await p.goto(base + "robots.txt");
    await (await fetch(base + "__bytes")).json();
    await ask(p, q);
    await p.waitForTimeout(300);
    const sent = await (await fetch(base + "__bytes")).json();
    const unique = new Map(sent);
    let total = 0;
    unique.forEach(n => { total += n; });
    out.cold[q] = { bytes: total, files: unique.size };
    await close(c2);
  }
  return out;
}

const result = {};
for (const system of ["aula", "pagefind"]) result[system] = await run(system);
console.log(JSON.stringify(result));
