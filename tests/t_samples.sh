#!/usr/bin/env bash
# t_samples.sh — codes every bundled article in samples/ with the CLI and checks the output against the
# analyst's events in tests/cases/samples.events (format documented at the top of that file). It owns the
# TAP lines for: exit status, record shape (the spec's fields) and each expected event; it never edits data.
# Run by tests/run.sh ($FACTUM set), or by hand: bash tests/t_samples.sh (default build/factum).
# FACTUM_SAMPLES_ARGS adds options to `factum code` (e.g. "--dict DIR") when trying other dictionaries.
set -u
cd "$(dirname "$0")/.." || exit 1
FACTUM=${FACTUM:-build/factum}
if ! command -v node >/dev/null 2>&1; then
    echo "1..0 # SKIP node is not installed"
    exit 0
fi
if [ ! -x "$FACTUM" ]; then
    echo "not ok 1 - factum binary not found at $FACTUM (build it first)"
    exit 1
fi
export FACTUM
# The harness is node (always on the build machines; jq is not) so JSON is parsed, not grepped.
exec node - <<'EOF'
'use strict';
const fs = require('fs');
const { spawnSync } = require('child_process');

const FACTUM = process.env.FACTUM;
const EXTRA_ARGS = (process.env.FACTUM_SAMPLES_ARGS || '').split(/\s+/).filter(Boolean);
const CASES = 'tests/cases/samples.events';
let n = 0, failed = 0;
const ok = (pass, what) => { n++; if (!pass) failed++; console.log(`${pass ? 'ok' : 'not ok'} ${n} - ${what}`); };

/* ---- the analyst's events ---- */
const expected = [];
const caseLines = fs.readFileSync(CASES, 'utf8').split('\n');
caseLines.forEach((raw, i) => {
    let line = raw.replace(/#.*/, '').trim();
    if (!line) return;
    const where = `${CASES}:${i + 1}`;
    const todo = /\sTODO$/.test(line);
    if (todo) line = line.slice(0, -4).trim();
    const f = line.split('|').map(s => s.trim());
    if (f.length !== 5 && f.length !== 6) { ok(false, `${where}: needs 5 or 6 '|'-separated fields, has ${f.length}`); return; }
    const [file, code, src, tgt, mode] = f;
    const words = (f[5] || '').toLowerCase();
    const actorOk = s => s === '*' || s.split(',').every(a => a === '-' || /^[A-Z]{3}$/.test(a));
    const modes = ['*', 'asserted', 'reported', 'claimed', 'denied', 'negated', 'hypothetical'];
    if (!/^\d{2,4}$/.test(code) || !actorOk(src) || !actorOk(tgt) || !modes.includes(mode)) {
        ok(false, `${where}: malformed expected event '${line}'`);
        return;
    }
    expected.push({ where, file, code, src, tgt, mode, todo, words, line: i + 1 });
});

/* An actor field: '*' anything, '-' no actor or one without a country or code, else one of the
 * comma-separated ISO3 / CAMEO prefixes equals the actor's country or its code's first 3 letters. */
function actorMatches(field, a) {
    if (field === '*') return true;
    return field.split(',').some(x => {
        if (x === '-') return !a || (!a.country && !a.code);
        return !!a && (a.country === x || (typeof a.code === 'string' && a.code.slice(0, 3) === x));
    });
}
const eventMatches = (x, ev) => typeof ev.code === 'string' && ev.code.startsWith(x.code) &&
    actorMatches(x.src, ev.source) && actorMatches(x.tgt, ev.target) && (x.mode === '*' || ev.mode === x.mode) &&
    (!x.words || (typeof ev.evidence === 'string' && ev.evidence.toLowerCase().includes(x.words)));

/* ---- shape of one record: the fields of ../shared/spec/event-record.md ---- */
const isStrOrNull = v => v === null || typeof v === 'string';
const isInt = v => Number.isInteger(v);
function actorProblem(a, name, nullable) {
    if (a === null) return nullable ? null : `${name} is null`;
    if (typeof a !== 'object' || Array.isArray(a)) return `${name} is not an object`;
    for (const k of ['text', 'code', 'country', 'name'])
        if (!(k in a) || !isStrOrNull(a[k])) return `${name}.${k} missing or not a string/null`;
    if (a.country !== null && !/^[A-Z]{3}$/.test(a.country)) return `${name}.country '${a.country}' is not ISO3`;
    return null;
}
function recordProblem(ev, text, docDate) {
    const need = ['id', 'doc', 'sentence', 'evidence', 'code', 'root', 'plover', 'quad_class', 'goldstein',
                  'source', 'target', 'mode', 'attribution', 'date', 'date_precision', 'time', 'location',
                  'quantities', 'rule'];
    if (typeof ev !== 'object' || ev === null || Array.isArray(ev)) return 'not a JSON object';
    for (const k of need) if (!(k in ev)) return `field '${k}' missing`;
    if (typeof ev.id !== 'string' || !ev.id) return 'id is not a non-empty string';
    const d = ev.doc;
    if (!d || typeof d !== 'object' || !['id', 'date', 'source', 'url'].every(k => k in d)) return 'doc lacks id/date/source/url';
    if (docDate && d.date !== docDate) return `doc.date ${d.date} is not the article's ${docDate}`;
    const s = ev.sentence;
    if (!s || !isInt(s.index) || !isInt(s.start) || !isInt(s.end) || s.index < 0 || s.start > s.end)
        return 'sentence lacks integer index/start/end';
    if (typeof ev.evidence !== 'string' || !ev.evidence) return 'evidence is not a non-empty string';
    if (!text.includes(ev.evidence)) return 'evidence is not text of the article';
    if (typeof ev.code !== 'string' || !/^\d{2,4}$/.test(ev.code)) return `code '${ev.code}' is not a CAMEO code`;
    if (typeof ev.root !== 'string' || !/^\d\d$/.test(ev.root) || !ev.code.startsWith(ev.root) || +ev.root < 1 || +ev.root > 20)
        return `root '${ev.root}' does not fit code ${ev.code}`;
    const p = ev.plover;
    if (!p || !['event', 'mode', 'context'].every(k => typeof p[k] === 'string')) return 'plover lacks event/mode/context strings';
    if (!isInt(ev.quad_class) || ev.quad_class < 1 || ev.quad_class > 4) return `quad_class ${ev.quad_class} not 1..4`;
    if (typeof ev.goldstein !== 'number' || ev.goldstein < -10 || ev.goldstein > 10) return `goldstein ${ev.goldstein} not in -10..10`;
    const ap = actorProblem(ev.source, 'source', false) || actorProblem(ev.target, 'target', true);
    if (ap) return ap;
    if (!['asserted', 'reported', 'claimed', 'denied', 'negated', 'hypothetical'].includes(ev.mode)) return `mode '${ev.mode}' unknown`;
    if (!Array.isArray(ev.attribution) || !ev.attribution.every(a => a && ['text', 'code', 'via'].every(k => k in a)))
        return 'attribution is not an array of {text, code, via}';
    if (typeof ev.date !== 'string' || !/^\d{4}(-\d\d(-\d\d)?)?$/.test(ev.date)) return `date '${ev.date}' is not ISO 8601`;
    if (!['time', 'day', 'week', 'month', 'year', 'document'].includes(ev.date_precision)) return `date_precision '${ev.date_precision}' unknown`;
    if (ev.time !== null && !/^\d\d:\d\d$/.test(ev.time)) return `time '${ev.time}' is not HH:MM`;
    const l = ev.location;
    if (l !== null) {
        if (typeof l !== 'object' || !['name', 'country', 'admin1', 'lat', 'lon', 'geonameid', 'precision'].every(k => k in l))
            return 'location lacks name/country/admin1/lat/lon/geonameid/precision';
        if (l.country !== null && !/^[A-Z]{2}$/.test(l.country)) return `location.country '${l.country}' is not ISO2`;
        if (!['point', 'town', 'admin2', 'admin1', 'country', 'region'].includes(l.precision)) return `location.precision '${l.precision}' unknown`;
    }
    const q = ev.quantities;
    if (!q || typeof q !== 'object' || Array.isArray(q)) return 'quantities is not an object';
    for (const [k, v] of Object.entries(q)) {
        if (!['killed', 'injured', 'arrested', 'munitions', 'participants'].includes(k)) return `quantities.${k} unknown`;
        if (!(isInt(v) && v >= 0) && typeof v !== 'string') return `quantities.${k} is ${v}`;
    }
    if (typeof ev.rule !== 'string') return 'rule is not a string';
    return null;
}

/* ---- code every sample ---- */
const files = fs.readdirSync('samples').filter(f => f.endsWith('.txt')).sort().map(f => `samples/${f}`);
const produced = new Map();   // file -> events
for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const dm = /^Date:\s*(\d{4}-\d\d-\d\d)/.exec(text);
    const r = spawnSync(FACTUM, ['code', ...EXTRA_ARGS, file], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const err = (r.stderr || '').split('\n')[0];
    ok(r.status === 0, `${file}: factum code exits 0` + (r.status === 0 ? '' : ` (status ${r.status}${r.error ? ', ' + r.error.message : ''}${err ? ': ' + err : ''})`));
    const events = [];
    let problem = null;
    (r.stdout || '').split('\n').forEach((line, i) => {
        if (!line || problem) return;
        let ev;
        try { ev = JSON.parse(line); } catch (e) { problem = `line ${i + 1} is not JSON`; return; }
        const p = recordProblem(ev, text, dm ? dm[1] : null);
        if (p) problem = `line ${i + 1}: ${p}`;
        else events.push(ev);
    });
    ok(!problem, `${file}: ${events.length} records, each valid JSON with the spec's fields` + (problem ? ` (${problem})` : ''));
    ok(expected.some(x => x.file === file), `${file}: has expected events in ${CASES}`);
    produced.set(file, events);
}

/* ---- match: each produced event serves at most one expected line; firm lines choose first ---- */
const used = new Map([...produced].map(([f, evs]) => [f, evs.map(() => false)]));
const hit = new Map();
for (const pass of [false, true]) {
    for (const x of expected) {
        if (x.todo !== pass) continue;
        const evs = produced.get(x.file) || [];
        const u = used.get(x.file) || [];
        const i = evs.findIndex((ev, k) => !u[k] && eventMatches(x, ev));
        if (i >= 0) { u[i] = true; hit.set(x, evs[i]); }
    }
}
let matched = 0, todoMissed = [], todoNowCoded = 0;
for (const x of expected) {
    const what = `${x.file}: ${x.code} ${x.src}->${x.tgt}` + (x.mode === '*' ? '' : ` ${x.mode}`);
    if (!files.includes(x.file)) { ok(false, `${what} (line ${x.line}: no such sample)`); continue; }
    if (x.words && !fs.readFileSync(x.file, 'utf8').toLowerCase().includes(x.words)) {
        ok(false, `${what} (line ${x.line}: '${x.words}' is not in the article)`);
        continue;
    }
    const ev = hit.get(x);
    if (ev) matched++;
    if (x.todo && ev) { todoNowCoded++; ok(true, `${what} # TODO now coded (code ${ev.code}): drop the TODO mark`); }
    else if (x.todo) { todoMissed.push(x); ok(true, `${what} # TODO not yet coded`); }
    else ok(!!ev, what + (ev ? '' : ` (no produced event matches ${x.where})`));
    if (ev && process.env.FACTUM_SAMPLES_VERBOSE)
        console.log(`#   matched by ${ev.code} [${ev.rule}] "${ev.evidence.slice(0, 70)}"`);
}

/* ---- precision: every produced event that no expected line accounts for ---- */
let total = 0, extra = 0;
for (const [file, evs] of produced) {
    evs.forEach((ev, k) => {
        total++;
        if (used.get(file)[k]) return;
        extra++;
        const actor = a => a ? (a.country || (a.code ? a.code.slice(0, 3) : '-')) : '-';
        console.log(`# extra: ${file}: ${ev.code} ${actor(ev.source)}->${actor(ev.target)} ${ev.mode} ` +
                    `[${ev.rule}] "${ev.evidence.slice(0, 90)}"`);
    });
}
console.log(`# recall: ${matched} of ${expected.length} expected events coded (${todoMissed.length} TODO lines not yet coded, ` +
            `${todoNowCoded} TODO lines now coded); precision: ${total - extra} of ${total} produced events expected`);
console.log(`1..${n}`);
process.exit(failed ? 1 : 0);
EOF
