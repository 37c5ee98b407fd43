// serve.test.js — the factum page in a real headless Chromium (playwright-core):
// markers on the map, a filter that changes the count, an event's evidence,
// the "code this text" box. Prints TAP lines; run by tests/t_serve.sh as
//   node tests/browser/serve.test.js BASE_URL SCREENSHOT_PATH [FIRST_TAP_NUMBER]
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const [base, shot, first] = process.argv.slice(2);
let n = Number(first || 1) - 1, failed = 0;
function ok(cond, name, extra) {
  n++;
  if (cond) console.log(`ok ${n} - ${name}`);
  else { failed++; console.log(`not ok ${n} - ${name}`); if (extra) console.log(`#   ${extra}`); }
}

async function main() {
  const { chromium } = require('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'factum-chromium-'));
  // A persistent context is the way to give Chromium its own empty profile.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height: 1000 },
  });
  const outside = [];
  const errors = [];
  try {
    const page = await context.newPage();
    page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) outside.push(r.url()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(base + '/', { waitUntil: 'load' });
    await page.waitForSelector('body[data-state="ready"]', { timeout: 15000 });
    await page.waitForSelector('#map path.leaflet-interactive, #map .marker-cluster', { timeout: 10000 }).catch(() => {});
    const outlines = await page.locator('#map path').count();
    const markers = await page.locator('#map .marker-cluster, #map path.event-marker').count();
    ok(markers > 0, `the map shows markers for the store (${markers})`);
    ok(outlines > 100, `the map draws country outlines (${outlines} paths)`);
    const total = Number(await page.locator('#count').getAttribute('data-total'));
    ok(total > 0, `the page counts the store's events (${total})`);
    const rows = await page.locator('tr.event-row').count();
    ok(rows > 0 && rows <= 100, `the table lists events (${rows})`);
    const bars = await page.locator('#timeline rect.bar').count();
    ok(bars > 0, `the timeline has bars (${bars})`);

    // A filter changes the count: CAMEO root 19 (fight) only.
    await page.fill('#f-code', '19');
    await page.click('#apply');
    await page.waitForFunction((t) => document.body.dataset.state === 'ready' &&
      Number(document.getElementById('count').dataset.total) !== t, total, { timeout: 10000 }).catch(() => {});
    const filtered = Number(await page.locator('#count').getAttribute('data-total'));
    ok(filtered > 0 && filtered < total, `code=19 changes the count (${total} -> ${filtered})`);
    const codes = await page.locator('tr.event-row td:nth-child(2)').allTextContents();
    ok(codes.length > 0 && codes.every((c) => c.startsWith('19')), 'and the table shows only 19x codes', codes.join(' '));

    // Clicking an event shows its evidence with the actors and verb marked.
    await page.locator('tr.event-row').first().click();
    await page.waitForSelector('#detail .evidence', { timeout: 10000 }).catch(() => {});
    const evidence = (await page.locator('#detail .evidence').textContent().catch(() => '')) || '';
    const rowText = await page.locator('tr.event-row').first().locator('td.evidence').textContent();
    ok(evidence.length > 20 && evidence === rowText, 'clicking an event shows its evidence sentence', evidence);
    const marks = await page.locator('#detail .evidence mark').count();
    ok(marks > 0, `the evidence has highlighted words (${marks})`);
    const mode = await page.locator('#detail .detail-mode').textContent().catch(() => '');
    ok(/^(asserted|reported|claimed|denied|negated|hypothetical)$/.test(mode), `the detail shows the mode (${mode})`);

    // Clicking a marker opens an event too (zoom until one is unclustered).
    await page.click('#reset');
    await page.waitForSelector('body[data-state="ready"]');
    const single = page.locator('#map path.event-marker');
    for (let z = 0; z < 8 && (await single.count()) === 0; z++) {
      await page.locator('#map .marker-cluster').first().click({ timeout: 2000 }).catch(() => {});
      await page.waitForTimeout(400);
    }
    if ((await single.count()) > 0) {
      await page.locator('#detail').evaluate((d) => { d.textContent = ''; });
      await single.first().click({ force: true });
      await page.waitForSelector('#detail .evidence', { timeout: 5000 }).catch(() => {});
      ok((await page.locator('#detail .evidence').count()) === 1, 'clicking a marker shows its evidence');
    } else {
      ok(false, 'clicking a marker shows its evidence', 'no single marker after zooming');
    }

    // "code this text" runs POST /api/code and lists the events.
    await page.fill('#code-text', 'Israeli warplanes struck a school in Gaza on Monday, killing 12 people, ' +
      'the Palestinian health ministry said. Egypt condemned the attack.');
    await page.fill('#code-date', '2024-06-10');
    await page.click('#code-run');
    await page.waitForSelector('#code-results .code-count, #code-results .error', { timeout: 10000 });
    const coded = await page.locator('#code-results li.coded-event').count();
    const summary = await page.locator('#code-results').textContent();
    ok(coded > 0, `"code this text" returns events (${coded})`, summary);

    await page.locator('#map').scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot, fullPage: true });
    ok(fs.existsSync(shot), `screenshot saved (${shot})`);
    ok(outside.length === 0, 'the page fetched nothing from outside the server', outside.join(' '));
    ok(errors.length === 0, 'no script errors in the page', errors.join(' | '));
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().then(() => process.exit(failed ? 1 : 0), (e) => {
  ok(false, 'browser test ran', String(e && e.stack || e).split('\n').join(' / '));
  process.exit(1);
});
