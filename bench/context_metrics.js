#!/usr/bin/env node
// Context metrics on Wikipedia current events (issue: context). Reads the corpus
// and factum's events for it, prints for items of "Armed conflicts and attacks":
//  - share with >= 1 material-conflict event (quad class 4)
//  - share whose event location lies in a country the item names
//  - share whose stated death toll ("kill(s) at least N", "N killed") appears as quantities.killed
// usage: node bench/context_metrics.js CORPUS.jsonl EVENTS.jsonl [--misses conflict|location|toll]
//   --misses KIND also prints each missed item (id, text, and for location the countries named and
//   the places factum gave), so misses can be grouped by cause.
'use strict';
const fs = require('fs');
const args = process.argv.slice(2);
const missIdx = args.indexOf('--misses');
const missKind = missIdx >= 0 ? args.splice(missIdx, 2)[1] : null;
const [corpusPath, eventsPath] = args;
const items = fs.readFileSync(corpusPath, 'utf8').split('\n').filter(Boolean).map(JSON.parse)
  .filter(d => /^Armed conflicts and attacks/.test(d.title || ''));
const byDoc = new Map();
for (const line of fs.readFileSync(eventsPath, 'utf8').split('\n')) {
  if (!line) continue;
  const e = JSON.parse(line);
  if (!byDoc.has(e.doc.id)) byDoc.set(e.doc.id, []);
  byDoc.get(e.doc.id).push(e);
}
// country names an item mentions: from iso-codes (names, common names) plus the gazetteer's view
const iso = JSON.parse(fs.readFileSync('/usr/share/iso-codes/json/iso_3166-1.json', 'utf8'))['3166-1'];
const extra = { PS: ['Gaza', 'West Bank', 'Palestin'], US: ['United States', 'U.S.', 'American'], GB: ['United Kingdom', 'British', 'Britain'],
  RU: ['Russia'], SY: ['Syria'], IR: ['Iran'], KR: ['South Korea'], KP: ['North Korea'], CD: ['DR Congo', 'Democratic Republic of the Congo', 'Congo'],
  CG: ['Republic of the Congo'], TZ: ['Tanzania'], VE: ['Venezuela'], BO: ['Bolivia'], MD: ['Moldova'], LA: ['Laos'], VN: ['Vietnam'], TW: ['Taiwan'],
  SS: ['South Sudan'], SD: ['Sudan'], UA: ['Ukrain'], IL: ['Israel'], LB: ['Leban'], YE: ['Yemen'], TR: ['Turkey', 'Türkiye'], CZ: ['Czech'] };
function countriesNamed(text) {
  const out = new Set();
  for (const c of iso) {
    const names = [c.name, c.common_name, c.official_name].filter(Boolean).concat(extra[c.alpha_2] || []);
    if (names.some(n => text.includes(n))) out.add(c.alpha_2);
  }
  return out;
}
let conflict = 0, located = 0, locTotal = 0, tollTotal = 0, tollHit = 0;
for (const d of items) {
  const evs = byDoc.get(d.id) || [];
  if (evs.some(e => e.quad_class === 4)) conflict++;
  else if (missKind === 'conflict') console.log(`MISS ${d.id}\t${d.text}`);
  const named = countriesNamed(d.text);
  if (named.size) {
    locTotal++;
    if (evs.some(e => e.location && named.has(e.location.country))) located++;
    else if (missKind === 'location') {
      const places = evs.filter(e => e.location).map(e => `${e.location.name}/${e.location.country}`);
      console.log(`MISS ${d.id}\tnamed=${[...named].join(',')}\tgot=${[...new Set(places)].join(';') || '-'}` +
        `\tevents=${evs.length}\t${d.text}`);
    }
  }
  const m = d.text.match(/\bkill(?:s|ed|ing)? at least (\d[\d,]*)/i);
  if (m) {
    tollTotal++;
    const n = parseInt(m[1].replace(/,/g, ''), 10);
    if (evs.some(e => e.quantities && e.quantities.killed === n)) tollHit++;
    else if (missKind === 'toll') console.log(`MISS ${d.id}\t${n}\t${d.text}`);
  }
}
const pct = (a, b) => (b ? (100 * a / b).toFixed(1) : 'n/a') + '%';
console.log(`items in "Armed conflicts and attacks": ${items.length}`);
console.log(`with >= 1 material-conflict event: ${conflict}/${items.length} = ${pct(conflict, items.length)}`);
console.log(`event location in a country the item names: ${located}/${locTotal} = ${pct(located, locTotal)}`);
console.log(`"kill at least N" toll as quantities.killed: ${tollHit}/${tollTotal} = ${pct(tollHit, tollTotal)}`);
