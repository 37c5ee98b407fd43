#!/usr/bin/env node
// precision_sample.js — draws a seeded random sample of the events factum codes from a corpus and prints each
// with what an analyst needs to judge it by hand (evidence, code + CAMEO name, source/target, rule). Reads only;
// the judging is human work. --against OLD.jsonl marks which sampled events another run also has (same
// document, sentence, verb and code), to see what a lexicon change kept or dropped.
// usage: node tools/precision_sample.js CORPUS.jsonl [--seed S] [--n 50] [--factum BIN] [--events FILE]
//                                       [--against OLD.jsonl] [--json]
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync, execSync } = require('child_process');

function usage(msg) {
  if (msg) console.error(`precision_sample: ${msg}`);
  console.error('usage: node tools/precision_sample.js CORPUS.jsonl [--seed S] [--n 50] [--factum BIN] ' +
                '[--events FILE] [--against OLD.jsonl] [--json]');
  process.exit(2);
}

const opt = { seed: '1', n: 50, factum: null, events: null, against: null, json: false, corpus: null };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const val = () => { if (i + 1 >= argv.length) usage(`${a} needs a value`); return argv[++i]; };
  if (a === '--seed') opt.seed = val();
  else if (a === '--n') opt.n = parseInt(val(), 10);
  else if (a === '--factum') opt.factum = val();
  else if (a === '--events') opt.events = val();
  else if (a === '--against') opt.against = val();
  else if (a === '--json') opt.json = true;
  else if (a.startsWith('--')) usage(`unknown option ${a}`);
  else if (!opt.corpus) opt.corpus = a;
  else usage(`extra argument ${a}`);
}
if (!opt.corpus && !opt.events) usage('no corpus');
if (!(opt.n > 0)) usage('--n must be a positive number');

let top = path.resolve(__dirname, '..');
try { top = execSync('git rev-parse --show-toplevel', { cwd: __dirname, encoding: 'utf8' }).trim(); } catch (e) { /* not a checkout */ }
const factum = opt.factum || process.env.FACTUM || path.join(top, 'build', 'factum');

// CAMEO short names from the code table (code TAB goldstein TAB quad ... TAB name).
const cameoName = new Map();
for (const line of fs.readFileSync(path.join(top, 'data', 'cameo', 'codes.tsv'), 'utf8').split('\n')) {
  if (!line || line[0] === '#') continue;
  const f = line.split('\t');
  cameoName.set(f[0], f[f.length - 1]);
}

function readEvents(text) {
  return text.split('\n').filter(Boolean).map(l => JSON.parse(l));
}

let events;
if (opt.events) {
  events = readEvents(fs.readFileSync(opt.events, 'utf8'));
} else {
  const r = spawnSync(factum, ['code', '-q', opt.corpus], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) { console.error(`factum failed (status ${r.status}): ${(r.stderr || '').split('\n')[0]}`); process.exit(1); }
  events = readEvents(r.stdout);
}

// Documents, for the title (the context an analyst reads first).
const docs = new Map();
if (opt.corpus && fs.existsSync(opt.corpus)) {
  for (const l of fs.readFileSync(opt.corpus, 'utf8').split('\n')) {
    if (!l) continue;
    try { const d = JSON.parse(l); docs.set(d.id, d); } catch (e) { /* not a JSONL corpus: titles unknown */ }
  }
}

// A stable key: the same event in two runs has the same document, sentence, verb and code.
const verbStart = e => (e.verb && Number.isInteger(e.verb.start)) ? e.verb.start : -1;
const key = e => `${e.doc.id}\t${e.sentence.index}\t${verbStart(e)}\t${e.code}`;
const keyNoCode = e => `${e.doc.id}\t${e.sentence.index}\t${verbStart(e)}`;
let againstKeys = null, againstVerbs = null;
if (opt.against) {
  const old = readEvents(fs.readFileSync(opt.against, 'utf8'));
  againstKeys = new Set(old.map(key));
  againstVerbs = new Map(old.map(e => [keyNoCode(e), e.code]));
}

// mulberry32 seeded by a string hash: the same seed draws the same sample from the same event list.
function rng(seedText) {
  let h = 1779033703 ^ seedText.length;
  for (let i = 0; i < seedText.length; i++) { h = Math.imul(h ^ seedText.charCodeAt(i), 3432918353); h = (h << 13) | (h >>> 19); }
  let s = h >>> 0;
  return () => {
    s = (s + 0x6D2B79F5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Partial Fisher-Yates over the indices; the sample is printed in corpus order for easier reading.
const rand = rng(opt.seed);
const idx = events.map((_, i) => i);
const n = Math.min(opt.n, idx.length);
for (let i = 0; i < n; i++) {
  const j = i + Math.floor(rand() * (idx.length - i));
  [idx[i], idx[j]] = [idx[j], idx[i]];
}
const sample = idx.slice(0, n).sort((a, b) => a - b).map(i => events[i]);

if (opt.json) {
  for (const e of sample) console.log(JSON.stringify(e));
  process.exit(0);
}

const actor = a => a ? `"${a.text}" ${a.code || '-'}` : '-';
console.log(`# ${events.length} events; sample of ${n}, seed ${opt.seed}` + (opt.corpus ? `, corpus ${opt.corpus}` : ''));
console.log('# judge each: R right, P partly (right code, wrong actor), W wrong');
sample.forEach((e, k) => {
  const d = docs.get(e.doc.id);
  const verb = e.verb && e.verb.text ? ` verb "${e.verb.text}"` : '';
  let mark = '';
  if (againstKeys) {
    if (againstKeys.has(key(e))) mark = ' [also in old run]';
    else if (againstVerbs.has(keyNoCode(e))) mark = ` [old run: ${againstVerbs.get(keyNoCode(e))}]`;
    else mark = ' [new]';
  }
  console.log(`\n${k + 1}. ${e.code} ${cameoName.get(e.code) || '?'}  ${actor(e.source)} -> ${actor(e.target)}  ` +
              `${e.mode}  rule ${e.rule}${verb}${mark}`);
  console.log(`   doc ${e.doc.id}` + (d && d.title ? ` — ${d.title}` : ''));
  console.log(`   ${e.evidence.replace(/\s+/g, ' ')}`);
});
