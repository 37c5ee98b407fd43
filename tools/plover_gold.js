#!/usr/bin/env node
// plover_gold.js — scores factum against the PLOVER gold standard records (PLOVER_GSR_CAMEO.json): feeds
// each record's text to `factum code --format jsonl` and prints the share of records whose gold event type
// is among factum's events, and the shares whose gold source / target country factum gives. Reads only.
// usage: node tools/plover_gold.js [GOLD.json] [FACTUM] [-v]   (defaults: ../shared/peers/plover/..., build/factum)
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync, execSync } = require('child_process');

const args = process.argv.slice(2);
const verbose = args.includes('-v');
const pos = args.filter(a => a !== '-v');
let top = path.resolve(__dirname, '..');
try { top = execSync('git rev-parse --show-toplevel', { cwd: __dirname, encoding: 'utf8' }).trim(); } catch (e) { /* not a checkout */ }
const goldPath = pos[0] || path.join(top, '..', 'shared', 'peers', 'plover', 'PLOVER_GSR_CAMEO.json');
const factum = pos[1] || process.env.FACTUM || path.join(top, 'build', 'factum');
if (!fs.existsSync(goldPath)) { console.log(`# SKIP: no gold file at ${goldPath}`); process.exit(0); }

// PLOVER 0.5 (the gold file) names three types differently from the PLOVER table factum maps to.
const RENAMED = { DEMAND: 'REQUEST', DISAPPROVE: 'ACCUSE', INVESTIGATE: 'ACCUSE', FIGHT: 'ASSAULT' };
// Gold actor codes that are countries: ISO 3166-1 alpha-3 (plus Kosovo); 'JAP' is the gold file's
// spelling of Japan. IGO/NGO/IMG codes name no country and are not scored.
const iso = new Set(JSON.parse(fs.readFileSync('/usr/share/iso-codes/json/iso_3166-1.json', 'utf8'))['3166-1']
  .map(c => c.alpha_3).concat(['KSV']));
const ALIAS = { JAP: 'JPN' };
const countryOf = code => { const c = ALIAS[code] || code; return iso.has(c) ? c : null; };

const gold = JSON.parse(fs.readFileSync(goldPath, 'utf8')).filter(r => r.text && r.event && r.event !== 'DOCUMENT');
const input = gold.map(r => JSON.stringify({ id: r.id, date: r.date || '2000-01-01', text: r.text })).join('\n') + '\n';
const cmd = [factum, 'code', '-q', '--format', 'jsonl', '-'];
const run = spawnSync(cmd[0], cmd.slice(1), { input, encoding: 'utf8', maxBuffer: 256 << 20 });
if (run.status !== 0 && run.status !== 2) { console.error(`factum failed (status ${run.status}): ${run.stderr}`); process.exit(1); }
const byDoc = new Map();
for (const line of run.stdout.split('\n')) {
  if (!line) continue;
  const e = JSON.parse(line);
  if (!byDoc.has(e.doc.id)) byDoc.set(e.doc.id, []);
  byDoc.get(e.doc.id).push(e);
}

const actorCountry = a => (a ? a.country || (typeof a.code === 'string' && countryOf(a.code.slice(0, 3))) || null : null);
let typeHit = 0, srcN = 0, srcHit = 0, tgtN = 0, tgtHit = 0, bothN = 0, bothHit = 0;
for (const r of gold) {
  const want = RENAMED[r.event] || r.event;
  const evs = byDoc.get(r.id) || [];
  const typed = evs.filter(e => e.plover && e.plover.event === want);
  if (typed.length) typeHit++;
  // actors are scored on the events of the gold type when factum has one, else on all its events
  const pool = typed.length ? typed : evs;
  const gs = new Set((r.source || []).map(a => countryOf(a.code)).filter(Boolean));
  const gt = new Set((r.target || []).map(a => countryOf(a.code)).filter(Boolean));
  const s = gs.size ? pool.some(e => gs.has(actorCountry(e.source))) : null;
  const t = gt.size ? pool.some(e => gt.has(actorCountry(e.target))) : null;
  if (s !== null) { srcN++; if (s) srcHit++; }
  if (t !== null) { tgtN++; if (t) tgtHit++; }
  if (s !== null || t !== null) {
    bothN++;
    // one event must carry every country gold gives
    if (pool.some(e => (!gs.size || gs.has(actorCountry(e.source))) && (!gt.size || gt.has(actorCountry(e.target))))) bothHit++;
  }
  if (verbose) {
    const ok = typed.length ? 'TYPE' : 'miss';
    console.log(`${ok} ${r.id} gold ${want} ${[...gs].join(',') || '-'}->${[...gt].join(',') || '-'} | factum: ` +
      (evs.map(e => `${e.code}/${e.plover.event || '-'} ${actorCountry(e.source) || '-'}->${actorCountry(e.target) || '-'}`).join('; ') || 'none'));
    console.log(`     ${r.text}`);
  }
}
const pct = (a, b) => `${a}/${b} = ${(b ? 100 * a / b : 0).toFixed(1)}%`;
console.log(`# command: node tools/plover_gold.js ${goldPath} ${factum}   (runs: ${cmd.join(' ')} < records as JSONL)`);
console.log(`records: ${gold.length}, factum events: ${[...byDoc.values()].reduce((n, v) => n + v.length, 0)}`);
console.log(`gold PLOVER event among factum's events: ${pct(typeHit, gold.length)}`);
console.log(`gold source country right: ${pct(srcHit, srcN)}`);
console.log(`gold target country right: ${pct(tgtHit, tgtN)}`);
console.log(`source and target country right in one event (where gold gives one): ${pct(bothHit, bothN)}`);
