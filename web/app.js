// app.js — the factum page's behaviour: reads the filters, asks the JSON API,
// draws markers, the timeline and the table, shows one event's evidence and
// codes pasted text. Data from the API is put into the page as text nodes
// only (never as HTML), so an article cannot inject markup.
(function () {
  'use strict';

  const QUAD_NAMES = { 1: 'verbal cooperation', 2: 'material cooperation', 3: 'verbal conflict', 4: 'material conflict' };
  const QUAD_COLOURS = { 1: '#2b8a3e', 2: '#1864ab', 3: '#e8590c', 4: '#c92a2a' };
  const FILTERS = ['from', 'to', 'actor', 'country', 'code', 'plover', 'mode'];
  const $ = (id) => document.getElementById(id);

  // ---- small DOM helpers ----
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v);
    }
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue;
      e.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function actorLabel(a) {
    if (!a) return '';
    const words = a.text || a.name || '';
    return a.code ? (words ? `${words} (${a.code})` : a.code) : (words || (a.country || ''));
  }
  function codeBadge(ev) {
    return el('span', { class: `code q${ev.quad_class || 0}`, title: QUAD_NAMES[ev.quad_class] || '' }, ev.code || '?');
  }

  async function api(path, opts) {
    const r = await fetch(path, Object.assign({ credentials: 'same-origin' }, opts || {}));
    const body = await r.json().catch(() => ({ error: `HTTP ${r.status}` }));
    if (!r.ok) throw new Error(body.error || `HTTP ${r.status}`);
    return body;
  }
  function showError(e) { $('error').textContent = e ? String(e.message || e) : ''; }

  // ---- filters ----
  function filterParams(skipDates) {
    const p = new URLSearchParams();
    for (const f of FILTERS) {
      if (skipDates && (f === 'from' || f === 'to')) continue;
      const v = $('f-' + f).value.trim();
      if (v) p.set(f, f === 'country' ? v.toUpperCase() : v);
    }
    return p;
  }

  // ---- map ----
  const map = L.map('map', { worldCopyJump: true, minZoom: 1, maxZoom: 12 }).setView([28, 30], 2);
  map.attributionControl.addAttribution('outlines: Natural Earth via world-atlas');
  const clusters = L.markerClusterGroup({
    showCoverageOnHover: false,
    maxClusterRadius: 40,
    // A cluster takes the colour of the most conflictual quad class inside it.
    iconCreateFunction(cluster) {
      const q = Math.max(...cluster.getAllChildMarkers().map((m) => m.options.quad || 0));
      const n = cluster.getChildCount();
      const size = n < 10 ? 30 : n < 100 ? 36 : 44;
      return L.divIcon({ html: `<div><span>${n}</span></div>`, className: `marker-cluster q${q}`,
                         iconSize: L.point(size, size) });
    },
  });
  map.addLayer(clusters);

  fetch('/static/countries-110m.json').then((r) => r.json()).then((topo) => {
    const countries = topojson.feature(topo, topo.objects.countries);
    L.geoJSON(countries, { style: { color: '#868e96', weight: 0.7, fillColor: '#f8f9fa', fillOpacity: 1 },
                           interactive: false }).addTo(map).bringToBack();
  }).catch((e) => showError(e));

  // The GeoJSON properties carry the root code, not the quad class: CAMEO's
  // grouping of roots into the four classes.
  function quadOfRoot(root) {
    const r = Number(root);
    return r >= 15 ? 4 : r >= 9 ? 3 : r >= 6 ? 2 : r >= 1 ? 1 : 0;
  }

  function drawMarkers(fc) {
    clusters.clearLayers();
    const markers = [];
    for (const f of fc.features || []) {
      if (!f.geometry || f.geometry.type !== 'Point') continue;
      const [lon, lat] = f.geometry.coordinates;
      const p = f.properties;
      const quad = quadOfRoot(p.root);
      const m = L.circleMarker([lat, lon], { radius: 7, weight: 1.5, color: '#fff', fillColor: QUAD_COLOURS[quad],
                                             fillOpacity: 0.9, className: `event-marker q${quad}`, quad });
      m.bindTooltip(`${p.date || ''} ${p.code || ''} ${p.place || ''}`);
      m.on('click', () => showEvent(p.id));
      markers.push(m);
    }
    clusters.addLayers(markers);
    return markers.length;
  }

  // ---- timeline (events per day, drag to choose the date range) ----
  const DAY = 86400000;
  let timeline = null;   // { lo, hi, x0, width } of the drawn histogram
  function dayOf(s) { return Date.parse(s + 'T00:00:00Z'); }
  function isoDay(t) { return new Date(t).toISOString().slice(0, 10); }

  function drawTimeline(stats) {
    const svg = $('timeline');
    clear(svg);
    const days = stats.by_day || [];
    const w = svg.clientWidth || 600, h = svg.clientHeight || 90, pad = 14;
    if (!days.length) { timeline = null; return; }
    const lo = dayOf(days[0].date), hi = dayOf(days[days.length - 1].date) + DAY;
    const span = Math.max(hi - lo, DAY);
    const max = Math.max(...days.map((d) => d.n));
    const from = $('f-from').value, to = $('f-to').value;
    const ns = 'http://www.w3.org/2000/svg';
    const bw = Math.max(1.5, (w - 2 * pad) * DAY / span - 1);
    for (const d of days) {
      const x = pad + (dayOf(d.date) - lo) / span * (w - 2 * pad);
      const bh = Math.max(2, (h - 24) * d.n / max);
      const r = document.createElementNS(ns, 'rect');
      const inside = (!from || d.date >= from) && (!to || d.date <= to.padEnd(10, '-99'));
      r.setAttribute('class', inside ? 'bar' : 'bar out');
      r.setAttribute('x', x); r.setAttribute('y', h - 14 - bh);
      r.setAttribute('width', bw); r.setAttribute('height', bh);
      const t = document.createElementNS(ns, 'title');
      t.textContent = `${d.date}: ${d.n} event${d.n === 1 ? '' : 's'}`;
      r.appendChild(t);
      svg.appendChild(r);
    }
    for (const [t, anchor] of [[lo, 'start'], [hi - DAY, 'end']]) {
      const tx = document.createElementNS(ns, 'text');
      tx.setAttribute('class', 'axis');
      tx.setAttribute('x', anchor === 'start' ? pad : w - pad); tx.setAttribute('y', h - 2);
      tx.setAttribute('text-anchor', anchor);
      tx.textContent = isoDay(t);
      svg.appendChild(tx);
    }
    timeline = { lo, span, pad, w };
  }

  (function brush() {
    const svg = $('timeline');
    let start = null, rect = null;
    const toTime = (ev) => {
      const box = svg.getBoundingClientRect();
      const x = Math.min(Math.max(ev.clientX - box.left, timeline.pad), timeline.w - timeline.pad);
      return { x, t: timeline.lo + (x - timeline.pad) / (timeline.w - 2 * timeline.pad) * timeline.span };
    };
    svg.addEventListener('mousedown', (ev) => {
      if (!timeline) return;
      start = toTime(ev);
      rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
      rect.setAttribute('class', 'brush');
      rect.setAttribute('y', 0); rect.setAttribute('height', svg.clientHeight - 14);
      rect.setAttribute('x', start.x); rect.setAttribute('width', 0);
      svg.appendChild(rect);
    });
    window.addEventListener('mousemove', (ev) => {
      if (!start) return;
      const cur = toTime(ev);
      rect.setAttribute('x', Math.min(start.x, cur.x));
      rect.setAttribute('width', Math.abs(cur.x - start.x));
    });
    window.addEventListener('mouseup', (ev) => {
      if (!start) return;
      const cur = toTime(ev);
      const a = Math.min(start.t, cur.t), b = Math.max(start.t, cur.t);
      start = null;
      if (Math.abs(cur.x - parseFloat(rect.getAttribute('x'))) < 1 && parseFloat(rect.getAttribute('width')) < 3) {
        rect.remove();
        return;
      }
      $('f-from').value = isoDay(Math.floor(a / DAY) * DAY);
      $('f-to').value = isoDay(Math.floor(b / DAY) * DAY);
      reload();
    });
    svg.addEventListener('dblclick', () => { $('f-from').value = ''; $('f-to').value = ''; reload(); });
  })();

  // ---- table ----
  let nextCursor = null;
  function addRows(events) {
    const tbody = document.querySelector('#events tbody');
    for (const ev of events) {
      const tr = el('tr', { class: 'event-row', 'data-id': ev.id, onclick: () => showEvent(ev.id) },
        el('td', {}, ev.date || ''),
        el('td', {}, codeBadge(ev)),
        el('td', {}, actorLabel(ev.source)),
        el('td', {}, actorLabel(ev.target)),
        el('td', { class: 'mode' }, ev.mode || ''),
        el('td', {}, ev.location ? ev.location.name || '' : ''),
        el('td', { class: 'evidence', title: ev.evidence || '' }, ev.evidence || ''));
      tbody.appendChild(tr);
    }
  }
  async function loadMore() {
    const p = filterParams(false);
    p.set('limit', '100');
    if (nextCursor) p.set('cursor', nextCursor);
    const page = await api('/api/events?' + p);
    addRows(page.events);
    nextCursor = page.next_cursor;
    $('more').hidden = !nextCursor;
  }
  $('more').addEventListener('click', () => loadMore().catch(showError));

  // ---- one event: evidence with highlights, attribution, the story ----
  // Ranges of the evidence to mark: the actors' words and the verb of the rule.
  function highlightRanges(ev) {
    const text = ev.evidence || '';
    const lower = text.toLowerCase();
    const ranges = [];
    const add = (needle, cls) => {
      if (!needle) return;
      const i = lower.indexOf(needle.toLowerCase());
      if (i >= 0) ranges.push({ start: i, end: i + needle.length, cls });
    };
    add(ev.source && ev.source.text, 'src');
    add(ev.target && ev.target.text, 'tgt');
    // The record names the verb as written (ev.verb.text); older records only
    // have the rule, whose first word is the verb's dictionary form.
    const verb = ev.verb ? '' : (ev.rule || '').split(/[\s*+\[]/)[0].toLowerCase().replace(/[^a-z]/g, '');
    if (ev.verb) add(ev.verb.text, 'verb');
    else if (verb.length >= 3) {
      const stem = verb.length > 4 ? verb.replace(/e$/, '') : verb;
      const re = new RegExp('\\b' + stem + '[a-z]*', 'i');
      const m = re.exec(text);
      if (m) ranges.push({ start: m.index, end: m.index + m[0].length, cls: 'verb' });
    }
    ranges.sort((a, b) => a.start - b.start);
    const out = [];
    for (const r of ranges) if (!out.length || r.start >= out[out.length - 1].end) out.push(r);
    return out;
  }
  function evidenceNode(ev) {
    const text = ev.evidence || '';
    const p = el('p', { class: 'evidence' });
    let at = 0;
    for (const r of highlightRanges(ev)) {
      p.appendChild(document.createTextNode(text.slice(at, r.start)));
      p.appendChild(el('mark', { class: r.cls }, text.slice(r.start, r.end)));
      at = r.end;
    }
    p.appendChild(document.createTextNode(text.slice(at)));
    return p;
  }
  function placeText(loc) {
    if (!loc) return '';
    return [loc.name, loc.admin1, loc.country].filter(Boolean).join(', ') + (loc.precision ? ` (${loc.precision})` : '');
  }
  function quantitiesText(q) {
    return Object.entries(q || {}).map(([k, v]) => `${k} ${v}`).join(', ');
  }
  function safeLink(url) {
    return /^https?:\/\//i.test(url || '') ? el('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, url) : url || '';
  }

  async function showEvent(id) {
    const box = $('detail');
    try {
      const d = await api('/api/events/' + encodeURIComponent(id));
      const ev = d.event;
      document.querySelectorAll('tr.event-row.selected').forEach((r) => r.classList.remove('selected'));
      const row = document.querySelector(`tr.event-row[data-id="${CSS.escape(ev.id)}"]`);
      if (row) row.classList.add('selected');
      clear(box);
      box.appendChild(el('h2', {}, codeBadge(ev), ' ', (ev.plover && ev.plover.event) || '', ' — ', ev.date || ''));
      box.appendChild(evidenceNode(ev));
      const dl = el('dl');
      const row2 = (k, v) => { if (v !== '' && v !== null && v !== undefined) dl.append(el('dt', {}, k), el('dd', {}, v)); };
      row2('source', actorLabel(ev.source));
      row2('target', actorLabel(ev.target));
      row2('mode', el('span', { class: 'mode detail-mode' }, ev.mode || ''));
      row2('according to', (ev.attribution || []).map((a) =>
        [a.text, a.code ? `(${a.code})` : '', a.via ? `via ${a.via}` : ''].filter(Boolean).join(' ')).join('; ') || 'the text itself');
      row2('when', `${ev.date || ''}${ev.time ? ' ' + ev.time : ''} (${ev.date_precision || ''})`);
      row2('where', placeText(ev.location));
      row2('counts', quantitiesText(ev.quantities));
      row2('rule', ev.rule);
      row2('document', [d.document.title, d.document.source, ev.doc && ev.doc.id, d.document.date].filter(Boolean).join(' · '));
      if (d.document.url) row2('url', safeLink(d.document.url));
      box.appendChild(dl);
      for (const s of d.stories || []) {
        box.appendChild(el('p', { class: 'story' },
          s.relation === 'denial' ? 'denies story ' : 'story ', el('code', {}, s.story.id), ': ',
          `${s.story.n_documents} document(s), ${s.story.n_sources} source(s), ${s.story.n_events} report(s)`,
          s.story.contested ? ', contested' : ''));
      }
      if ((d.related || []).length) {
        box.appendChild(el('h2', {}, 'other reports of this story'));
        const ul = el('ul', { class: 'related' });
        for (const r of d.related) {
          ul.appendChild(el('li', { onclick: () => showEvent(r.event.id) },
            codeBadge(r.event), ' ', r.event.date || '', ' ', el('span', { class: 'mode' }, r.event.mode || ''),
            r.relation === 'denial' ? ' (denial)' : '', ' — ', r.event.evidence || '',
            el('div', { class: 'muted' }, [r.title, r.source, r.event.doc && r.event.doc.id].filter(Boolean).join(' · '))));
        }
        box.appendChild(ul);
      }
      showError(null);
    } catch (e) { showError(e); }
  }

  // ---- loading everything for the current filters ----
  let generation = 0;
  async function reload() {
    const gen = ++generation;
    document.body.dataset.state = 'loading';
    try {
      const all = filterParams(false), undated = filterParams(true);
      const [geo, stats, range] = await Promise.all([
        api('/api/events.geojson?' + all), api('/api/stats?' + all), api('/api/stats?' + undated)]);
      if (gen !== generation) return;
      const placed = drawMarkers(geo);
      $('count').textContent = `${stats.total} event${stats.total === 1 ? '' : 's'} (${placed} on the map)`;
      $('count').dataset.total = stats.total;
      drawTimeline(range);
      clear(document.querySelector('#events tbody'));
      nextCursor = null;
      await loadMore();
      showError(null);
    } catch (e) { showError(e); }
    if (gen === generation) document.body.dataset.state = 'ready';
  }

  $('filters').addEventListener('submit', (e) => { e.preventDefault(); reload(); });
  $('reset').addEventListener('click', () => { for (const f of FILTERS) $('f-' + f).value = ''; reload(); });

  // ---- code this text ----
  $('code-run').addEventListener('click', async () => {
    const out = $('code-results');
    clear(out);
    const text = $('code-text').value;
    if (!text.trim()) return;
    const date = $('code-date').value.trim();
    try {
      const r = await api('/api/code' + (date ? '?date=' + encodeURIComponent(date) : ''),
                          { method: 'POST', headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: text });
      out.appendChild(el('p', { class: 'code-count' }, `${r.count} event${r.count === 1 ? '' : 's'}`));
      const ol = el('ol');
      for (const ev of r.events) {
        const li = el('li', { class: 'coded-event' }, codeBadge(ev), ' ', actorLabel(ev.source) || '?', ' → ',
                      actorLabel(ev.target) || '—', ' ', el('span', { class: 'mode' }, ev.mode), ' ', ev.date || '');
        li.appendChild(evidenceNode(ev));
        ol.appendChild(li);
      }
      out.appendChild(ol);
      showError(null);
    } catch (e) { out.appendChild(el('p', { class: 'error' }, String(e.message || e))); }
  });

  window.addEventListener('resize', () => api('/api/stats?' + filterParams(true)).then(drawTimeline).catch(() => {}));
  reload();
})();
