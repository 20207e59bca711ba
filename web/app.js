'use strict';

// skein web page: story list (#/?q=..&lang=..&sort=important), story page
// (#/story/ID), names across stories (#/names?q=..) and a name's page
// (#/names/KEY: its spellings, stories and quotes over time).
// Everything from the API is inserted as text nodes, never parsed as HTML.
// The reader's language (the "Read in" switch, kept in localStorage) picks
// each story's headline in that language when one of its articles has it.

const main = document.getElementById('main');
const seenLangs = new Set();
const articleCache = new Map();
let lastListHash = '#/';
let renderToken = 0;

/* ---------- small helpers ---------- */

function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  return add(el, kids);
}

function add(el, kids) {
  for (const k of kids) {
    if (k == null || k === false) continue;
    if (Array.isArray(k)) add(el, k);
    else el.append(k instanceof Node ? k : document.createTextNode(String(k)));
  }
  return el;
}

function setMain(...kids) {
  main.textContent = '';
  add(main, kids);
}

function groupBy(list, fn) {
  const m = new Map();
  for (const x of list) {
    const k = fn(x);
    if (!m.has(k)) m.set(k, []);
    m.get(k).push(x);
  }
  return m;
}

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
const storiesN = n => n === 1 ? '1 story' : `${n} stories`;
const errorBox = msg => h('p', { class: 'error', role: 'alert' }, msg);
const loading = () => h('p', { class: 'loading' }, 'Loading…');

async function api(path) {
  let res, body = null;
  try {
    res = await fetch(path, { headers: { Accept: 'application/json' } });
  } catch (e) {
    throw new Error('Cannot reach the skein server.');
  }
  try { body = await res.json(); } catch (e) { /* not JSON */ }
  if (!res.ok || !body) throw new Error((body && body.error) || `HTTP ${res.status} ${res.statusText}`.trim());
  return body;
}

/* ---------- times and languages (all times shown in UTC) ---------- */

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
const pad = n => String(n).padStart(2, '0');

function parseT(s) {
  const t = s ? Date.parse(s) : NaN;
  return isNaN(t) ? null : t;
}
const fmtDay = d => `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
const fmtClock = d => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;

function fmtTime(s) {
  const t = parseT(s);
  if (t == null) return '';
  const d = new Date(t);
  return `${fmtDay(d)}, ${fmtClock(d)}`;
}

// '' when neither time is known: nothing is shown rather than "unknown".
function fmtRange(a, b) {
  const ta = parseT(a), tb = parseT(b);
  if (ta == null || tb == null || ta === tb) return fmtTime(ta == null ? b : a);
  const da = new Date(ta), db = new Date(tb);
  if (fmtDay(da) === fmtDay(db)) return `${fmtTime(a)}–${fmtClock(db)}`;
  return `${fmtTime(a)} – ${fmtTime(b)}`;
}

let langNames = null;
try { langNames = new Intl.DisplayNames(['en'], { type: 'language' }); } catch (e) { /* old browser */ }

function langName(code) {
  try { return (langNames && code && langNames.of(code)) || code || 'unknown'; } catch (e) { return code; }
}

const utcRange = (a, b) => { const r = fmtRange(a, b); return r ? h('span', null, r + ' UTC') : null; };

/* ---------- the reader's language ---------- */

let readLang = '';
try { readLang = localStorage.getItem('skein.lang') || ''; } catch (e) { /* storage off */ }

// The story's headline in the reader's language, else its own.
function headlineOf(s) {
  const t = readLang && s.headlines && s.headlines[readLang];
  return t ? { text: t, lang: readLang } : { text: s.title || `Story ${s.story}`, lang: s.title_lang };
}

function langSwitch() {
  const sel = h('select', { id: 'read-lang', 'aria-label': 'Read headlines in' },
    h('option', { value: '' }, 'each story\'s own language'),
    [...new Set([...seenLangs, readLang].filter(Boolean))].sort().map(c =>
      h('option', { value: c, selected: c === readLang }, langName(c))));
  sel.addEventListener('change', () => {
    readLang = sel.value;
    try { localStorage.setItem('skein.lang', readLang); } catch (e) { /* storage off */ }
    route();
  });
  return h('label', { class: 'read-lang' }, h('span', null, 'Read in'), sel);
}

function langBadges(langs) {
  const entries = Object.entries(langs || {}).sort((a, b) => b[1] - a[1]);
  return h('span', { class: 'langs' }, entries.map(([code, n]) =>
    h('span', { class: 'badge', title: `${langName(code)}: ${plural(n, 'article')}` }, code, ' ', h('b', null, n))));
}

function noteLangs(codes) {
  for (const c of codes) if (c) seenLangs.add(c);
}

/* ---------- timeline: one bar per event, x by time, height by size ---------- */

const SVG_NS = 'http://www.w3.org/2000/svg';
function svg(tag, attrs, ...kids) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
  kids.forEach(k => el.append(k));
  return el;
}

// scale: the event size drawn at full height (defaults to the story's largest event).
function timeline(events, first, last, { w = 160, ht = 24, cls = 'timeline', scale = 0 } = {}) {
  const evs = (events || []).map(e => ({ e, a: parseT(e.first_seen), b: parseT(e.last_seen) }))
    .filter(x => x.a != null || x.b != null);
  const times = [parseT(first), parseT(last)];
  evs.forEach(x => times.push(x.a, x.b));
  const ts = times.filter(t => t != null);
  if (!evs.length || !ts.length) return null;
  const lo = Math.min(...ts), span = Math.max(...ts) - lo;
  const maxSize = Math.max(1, scale, ...evs.map(x => x.e.size || 0));
  const root = svg('svg', { class: cls, width: w, height: ht, viewBox: `0 0 ${w} ${ht}`,
    preserveAspectRatio: 'none', role: 'img', 'aria-label': `Timeline: ${plural(evs.length, 'event')}` });
  root.append(svg('rect', { class: 'track', x: 0, y: 0, width: w, height: ht }),
    svg('line', { class: 'axis', x1: 0, x2: w, y1: ht - 0.5, y2: ht - 0.5 }));
  for (const x of evs) {
    const a = x.a != null ? x.a : x.b, b = x.b != null ? x.b : x.a;
    let bw = span ? (b - a) / span * w : w;
    bw = Math.max(3, bw);
    const bx = Math.min(span ? (a - lo) / span * w : 0, w - bw);
    const bh = Math.max(3, (x.e.size || 1) / maxSize * (ht - 2));
    const bar = svg('rect', { x: bx.toFixed(1), y: (ht - 1 - bh).toFixed(1), width: bw.toFixed(1), height: bh.toFixed(1), rx: 1.5 });
    bar.append(svg('title', null, `${x.e.title ? x.e.title + '\n' : ''}${plural(x.e.size || 0, 'article')}, ${fmtRange(x.e.first_seen, x.e.last_seen)}`));
    root.append(bar);
  }
  return root;
}

/* ---------- following from outside (Atom) ---------- */

// Points the page's <link rel="alternate"> at `href` (an Atom feed of what is
// shown) and returns a visible link to it.
function followLink(href, what) {
  let alt = document.querySelector('link[rel="alternate"][type="application/atom+xml"]');
  if (!alt) {
    alt = h('link', { rel: 'alternate', type: 'application/atom+xml' });
    document.head.append(alt);
  }
  alt.setAttribute('href', href);
  alt.setAttribute('title', what);
  return h('a', { class: 'follow', href, type: 'application/atom+xml', title: what }, 'Follow (Atom)');
}

/* ---------- story list ---------- */

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const m = raw.match(/^story\/([^/?]+)/);
  if (m) return { view: 'story', id: decodeURIComponent(m[1]) };
  const n = raw.match(/^names\/([0-9a-f]{16,32})$/);
  if (n) return { view: 'name', key: n[1] };
  const qi = raw.indexOf('?');
  if (/^names(\?|$)/.test(raw)) return { view: 'names', params: new URLSearchParams(qi >= 0 ? raw.slice(qi + 1) : '') };
  return { view: 'list', params: new URLSearchParams(qi >= 0 ? raw.slice(qi + 1) : '') };
}

function submitFilters(form) {
  const p = new URLSearchParams();
  for (const [k, v] of new FormData(form)) {
    const val = String(v).trim();
    if (val && !(k === 'sort' && val === 'recent')) p.set(k, val);
  }
  const hash = p.toString() ? '#/?' + p : '#/';
  if (location.hash === hash) route(); else location.hash = hash;
}

// Stories with an article in one language: the languages seen so far.
function langFilter(current) {
  const sel = h('select', { name: 'lang', class: 'lang-filter' }, h('option', { value: '' }, 'any'));
  fillLangFilter(sel, current);
  return sel;
}

function fillLangFilter(sel, current) {
  const have = new Set([...sel.options].map(o => o.value));
  for (const c of [...new Set([...seenLangs, current].filter(Boolean))].sort())
    if (!have.has(c)) sel.append(h('option', { value: c, selected: c === current }, `${langName(c)} (${c})`));
  sel.value = current;
}

function filterForm(params) {
  const field = (name, attrs) => h('input', Object.assign({ name, value: params.get(name) || '' }, attrs));
  const order = params.get('top') ? 'growing' : params.get('sort') || 'recent';
  const sort = h('select', { name: 'sort', class: 'sort' }, [['recent', 'Most recent'], ['important', 'Most important'],
    ['growing', 'Fastest growing']].map(([v, t]) => h('option', { value: v, selected: v === order }, t)));
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Stories' },
    h('label', { class: 'grow' }, h('span', null, 'Search'),
      field('q', { type: 'search', dir: 'auto', placeholder: 'words, names, places…' })),
    h('label', null, h('span', null, 'Language'), langFilter(params.get('lang') || '')),
    h('label', null, h('span', null, 'From'), field('since', { type: 'date' })),
    h('label', null, h('span', null, 'To'), field('until', { type: 'date' })),
    h('label', { title: 'Most important: outlets, languages, distinct texts, growth and recency' }, h('span', null, 'Order'), sort),
    h('button', { type: 'submit' }, 'Search'));
  form.addEventListener('submit', ev => { ev.preventDefault(); submitFilters(form); });
  sort.addEventListener('change', () => submitFilters(form));
  return form;
}

function apiQuery(params, cursor) {
  const q = new URLSearchParams({ limit: '50' });
  const day = /^\d{4}-\d{2}-\d{2}$/;
  for (const k of ['q', 'lang', 'since', 'until']) {
    let v = params.get(k);
    if (!v) continue;
    if (day.test(v)) v += k === 'since' ? 'T00:00:00Z' : 'T23:59:59Z';
    q.set(k, v);
  }
  const sort = params.get('top') ? 'growing' : params.get('sort');
  if (sort === 'growing') q.set('top', '20');
  else if (sort === 'important') q.set('sort', 'important');
  if (cursor) q.set('cursor', cursor);
  return '/v1/stories?' + q;
}

// "3 outlets: a, b, c", or nothing when no article named its outlet.
function outletsLine(sources) {
  return sources.length ? h('span', null, plural(sources.length, 'outlet'), ': ', outletList(sources)) : null;
}

function outletList(sources, max = 4) {
  const s = sources || [];
  return h('span', { class: 'outlets', title: s.join(', ') },
    s.slice(0, max).join(', '), s.length > max ? ` +${s.length - max} more` : '');
}

// Growth is the articles of the last 6 hours over those its earlier pace
// would bring (plus one): said in words, the number in the tooltip.
function growthWords(g) {
  if (typeof g !== 'number' || g <= 0) return null;
  const [word, cls] = g >= 3 ? ['growing fast', 'fast'] : g >= 1 ? ['growing', 'up'] : ['steady', 'steady'];
  return h('span', { class: 'growth ' + cls,
    title: `Articles in the last 6 hours against its earlier pace: ${g.toFixed(2)} (1 = twice what it was getting, 0 = none)` }, word);
}

function statusTags(s) {
  return [
    growthWords(s.growth),
    s.open === false ? h('span', { class: 'tag', title: 'No longer gathering articles' }, 'closed') : null,
  ];
}

function storyItem(s, scale) {
  const sources = s.sources || [];
  const head = headlineOf(s);
  return h('li', { class: 'story' },
    h('div', { class: 'story-main' },
      h('h2', null, h('a', { class: 'story-link', href: '#/story/' + encodeURIComponent(s.story), dir: 'auto', lang: head.lang },
        head.text)),
      h('div', { class: 'meta' }, langBadges(s.languages), h('span', null, plural(s.size || 0, 'article')),
        outletsLine(sources)),
      h('div', { class: 'meta dim' }, utcRange(s.first_seen, s.last_seen), statusTags(s)),
      s.why ? h('div', { class: 'why', title: 'Why it ranks where it does' }, s.why) : null,
      leadPara(s, 'lead-short')),
    timeline(s.events, s.first_seen, s.last_seen, { scale }));
}

async function showList(params, token) {
  lastListHash = location.hash || '#/';
  document.title = 'skein — stories';
  const list = h('ol', { class: 'stories' });
  const status = h('div', { class: 'status' }, loading());
  const more = h('button', { type: 'button', class: 'more', hidden: true }, 'More stories');
  let cursor = null;
  const follow = followLink(apiQuery(params).replace('/v1/stories?', '/v1/stories.atom?'),
    'These stories as an Atom feed');
  const top = h('div', { class: 'list-top' }, langSwitch(), follow);
  setMain(h('h1', { class: 'visually-hidden' }, 'Stories'), top, filterForm(params), list, status, more);

  async function page() {
    more.disabled = true;
    try {
      const data = await api(apiQuery(params, cursor));
      if (token !== renderToken) return;
      const stories = data.stories || [];
      status.textContent = '';
      // one height scale per page, so bar heights compare across stories
      const scale = Math.max(0, ...stories.map(s => Math.max(0, ...(s.events || []).map(e => e.size || 0))));
      stories.forEach(s => { list.append(storyItem(s, scale)); noteLangs(Object.keys(s.languages || {})); });
      top.replaceChildren(langSwitch(), follow);
      const lf = main.querySelector('select.lang-filter');
      if (lf) fillLangFilter(lf, params.get('lang') || '');
      if (!list.children.length) status.append(h('p', { class: 'empty' }, 'No stories match these filters.'));
      cursor = data.next || null;
      more.hidden = !cursor;
    } catch (err) {
      if (token !== renderToken) return;
      status.textContent = '';
      status.append(errorBox(err.message));
    }
    more.disabled = false;
  }
  more.addEventListener('click', page);
  await page();
}

/* ---------- story page ---------- */

const section = (id, title, ...kids) => h('section', { id }, h('h2', null, title), kids);
const none = text => h('p', { class: 'dim' }, text);
const backLink = () => h('a', { class: 'back', href: lastListHash }, '← All stories');

// Articles without a known outlet are keyed by their article id.
function outletLabel(o, ctx) {
  const a = ctx.byId.get(o);
  return a && !a.source ? `article ${o.slice(0, 8)}…` : (o || 'unknown outlet');
}

// The story's lead: sentences chosen across its articles.
function leadPara(s, cls) {
  const lead = s.lead || [];
  return lead.length ? h('p', { class: 'lead ' + (cls || ''), dir: 'auto', lang: s.title_lang },
    lead.map(x => x.text).join(' ')) : null;
}

// "run by N outlets" for groups of copies of one text.
function copiesNote(s) {
  const copies = s.copies || [];
  return copies.length ? h('ul', { class: 'copies dim' }, copies.map(c =>
    h('li', null, `One text run by ${c.outlets} outlets (${plural(1 + (c.copies || []).length, 'article')}; first: ${c.original})`))) : null;
}

function storyHead(s) {
  const sources = s.sources || [];
  const head = headlineOf(s);
  const heads = Object.entries(s.headlines || {}).filter(([l, t]) => !(l === head.lang && t === head.text));
  return h('header', { class: 'story-head' },
    h('div', { class: 'list-top' }, langSwitch(), followLink(
      `/v1/stories/${encodeURIComponent(s.story)}.atom${readLang ? '?lang=' + encodeURIComponent(readLang) : ''}`,
      'New articles of this story as an Atom feed')),
    h('h1', { dir: 'auto', lang: head.lang }, head.text),
    h('div', { class: 'meta' }, langBadges(s.languages), h('span', null, plural(s.size || 0, 'article')),
      sources.length ? h('span', null, plural(sources.length, 'outlet')) : null, utcRange(s.first_seen, s.last_seen),
      statusTags(s)),
    heads.length ? h('ul', { class: 'headlines' }, heads.map(([l, t]) =>
      h('li', null, h('span', { class: 'badge', title: langName(l) }, l), h('span', { dir: 'auto', lang: l }, t)))) : null,
    leadPara(s),
    copiesNote(s),
    sources.length ? h('p', { class: 'outlets-all dim' }, 'Outlets: ', sources.join(', ')) : null);
}

function jumpNav() {
  return h('nav', { class: 'jump' }, ['events', 'articles', 'names', 'quotes', 'coverage'].map(id =>
    h('button', { type: 'button', class: 'link', onclick: () => document.getElementById(id).scrollIntoView({ behavior: 'smooth' }) },
      id[0].toUpperCase() + id.slice(1))));
}

// The timeline's ends: hours for a story of one day, else days.
function timelineAxis(first, last) {
  const a = parseT(first), b = parseT(last);
  if (a == null || b == null) return null;
  const da = new Date(a), db = new Date(b), oneDay = fmtDay(da) === fmtDay(db);
  return h('div', { class: 'axis-labels dim' },
    h('span', null, oneDay ? `${fmtDay(da)}, ${fmtClock(da)}` : fmtDay(da)),
    h('span', null, oneDay ? `${fmtClock(db)} UTC` : fmtDay(db)));
}

function eventsSection(s) {
  const evs = s.events || [];
  return section('events', `Events (${evs.length})`,
    evs.length > 1 ? timeline(evs, s.first_seen, s.last_seen, { w: 600, ht: 32, cls: 'timeline wide' }) : null,
    evs.length > 1 ? timelineAxis(s.first_seen, s.last_seen) : null,
    evs.length ? h('ol', { class: 'events' }, evs.map(e => h('li', null,
      h('span', { dir: 'auto', class: 'ev-title' }, e.title || `Event ${e.event}`),
      h('span', { class: 'dim' }, [fmtRange(e.first_seen, e.last_seen), plural(e.size || 0, 'article')].filter(Boolean).join(' · '))))) : none('No events.'));
}

function articleBody(art) {
  const out = [];
  if (art.title_as_given && art.title_as_given !== art.title)
    out.push(h('p', { class: 'dim' }, 'Headline as published: ', h('bdi', { dir: 'auto', lang: art.lang }, art.title_as_given)));
  const paras = String(art.text || '').split(/\n+/).map(p => p.trim()).filter(Boolean);
  out.push(paras.length ? h('div', { class: 'text', lang: art.lang }, paras.map(p => h('p', { dir: 'auto' }, p)))
    : none('No text stored for this article.'));
  if (/^https?:\/\//i.test(art.url || ''))
    out.push(h('p', null, h('a', { href: art.url, target: '_blank', rel: 'noopener noreferrer' }, 'Read the original ↗')));
  const notes = art.notes == null ? [] : Array.isArray(art.notes) ? art.notes
    : typeof art.notes === 'object' ? Object.entries(art.notes).map(([k, v]) => `${k}: ${v}`) : [art.notes];
  if (notes.length) out.push(h('ul', { class: 'notes' }, notes.map(n => h('li', null, typeof n === 'string' ? n : JSON.stringify(n)))));
  return out;
}

async function toggleArticle(a, li, body) {
  const open = !li.classList.contains('open');
  li.classList.toggle('open', open);
  li.querySelector('.article-title').setAttribute('aria-expanded', String(open));
  body.hidden = !open;
  if (!open || body.dataset.loaded) return;
  body.textContent = '';
  body.append(loading());
  try {
    const art = await articleInfo(a.id);
    body.textContent = '';
    add(body, articleBody(art));
    body.dataset.loaded = '1';
  } catch (err) {
    articleCache.delete(a.id);
    body.textContent = '';
    body.append(errorBox(err.message));
  }
}

// The article's title links to the original once its address is known
// (GET /v1/articles/{id}); the button beside it unfolds the stored text.
function articleItem(a) {
  const body = h('div', { class: 'article-body', hidden: true });
  const title = h('span', { class: 'title-text', dir: 'auto', lang: a.lang }, a.title || a.id);
  const li = h('li', { class: 'article', 'data-id': a.id },
    h('div', { class: 'article-head' }, title,
      h('button', { type: 'button', class: 'article-title link', 'aria-expanded': 'false',
        'aria-label': `Show the text of “${a.title || a.id}”` }, 'text')),
    a.snippet ? h('p', { class: 'snippet', dir: 'auto', lang: a.lang }, a.snippet) : null,
    h('div', { class: 'article-meta' }, a.source || 'outlet not given', a.published ? ' · ' + fmtTime(a.published) : '',
      a.copy_of ? h('span', { class: 'copy', title: 'the same text as ' + a.copy_of }, ' · copy') : null),
    body);
  li.querySelector('.article-title').addEventListener('click', () => toggleArticle(a, li, body));
  linkQueue.push(() => articleInfo(a.id).then(art => {
    if (/^https?:\/\//i.test(art.url || ''))
      title.replaceWith(h('a', { class: 'title-text', href: art.url, target: '_blank', rel: 'noopener noreferrer',
        dir: 'auto', lang: a.lang }, a.title || a.id));
  }).catch(() => { /* the title stays text */ }));
  return li;
}

const articleInfo = id => {
  if (!articleCache.has(id)) articleCache.set(id, api('/v1/articles/' + encodeURIComponent(id)));
  return articleCache.get(id);
};

// Address look-ups, four at a time, for the first LINK_MAX articles of a page.
const LINK_MAX = 200;
let linkQueue = [];
async function drainLinks(token) {
  const jobs = linkQueue.slice(0, LINK_MAX);
  linkQueue = [];
  const next = async () => { while (jobs.length && token === renderToken) await jobs.shift()(); };
  await Promise.all([next(), next(), next(), next()]);
}

function articlesSection(s) {
  const arts = s.articles || [];
  const earliest = list => Math.min(...list.map(a => parseT(a.published) || Infinity));
  const byLang = [...groupBy(arts, a => a.lang || '')].sort((x, y) => y[1].length - x[1].length || x[0].localeCompare(y[0]));
  return section('articles', `Articles (${arts.length})`, arts.length ? byLang.map(([lang, list]) => {
    const byOutlet = [...groupBy(list, a => a.source || '')]
      .sort((x, y) => (!x[0]) - (!y[0]) || earliest(x[1]) - earliest(y[1]));
    return h('div', { class: 'lang-group' },
      h('h3', null, langName(lang), ' ', h('span', { class: 'badge' }, lang || '?'), h('span', { class: 'dim' }, ' ' + plural(list.length, 'article'))),
      byOutlet.map(([outlet, items]) => h('div', { class: 'outlet-group' },
        h('h4', null, outlet || 'Outlet not given'),
        h('ul', null, items.sort((x, y) => (parseT(x.published) || 0) - (parseT(y.published) || 0)).map(articleItem)))));
  }) : none('No articles.'));
}

function aliasLine(aliases) {
  const total = list => list.reduce((t, a) => t + (a.count || 0), 0);
  const groups = [...groupBy(aliases || [], a => a.lang || '?')].sort((x, y) => total(y[1]) - total(x[1]));
  return h('div', { class: 'aliases' }, groups.map(([lang, list], i) => h('span', { class: 'alias-lang' },
    i ? '; ' : '', h('span', { class: 'code', title: langName(lang) }, lang + ': '),
    list.sort((x, y) => (y.count || 0) - (x.count || 0)).map((a, j) =>
      [j ? ', ' : '', h('bdi', { dir: 'auto', lang }, a.name), ` ×${a.count || 0}`]))));
}

// Only names whose kind is known: a person, a place, an organisation.
function namesSection(s) {
  const KINDS = ['person', 'place', 'org'];
  const names = (s.names || []).filter(n => KINDS.includes(n.kind));
  const LIMIT = 24;
  let kind = 'all', showAll = false;
  const items = names.map(n => h('li', { class: 'name', 'data-kind': n.kind },
    n.key ? h('a', { class: 'name-main', href: '#/names/' + n.key, title: 'This name across stories' }, h('bdi', { dir: 'auto' }, n.name))
      : h('bdi', { dir: 'auto', class: 'name-main' }, n.name),
    h('span', { class: 'kind kind-' + n.kind }, n.kind),
    h('span', { class: 'dim' }, `${plural(n.articles || 0, 'article')}, ${plural(n.mentions || 0, 'mention')}`),
    aliasLine(n.aliases)));
  const more = h('button', { type: 'button', class: 'link', onclick: () => { showAll = !showAll; apply(); } });
  const chips = ['all'].concat(KINDS).map(k => h('button', { type: 'button', class: 'chip', 'data-kind': k,
    onclick: () => { kind = k; apply(); } }, k === 'all' ? `all ${names.length}` : `${k} ${names.filter(n => n.kind === k).length}`));
  function apply() {
    let shown = 0, match = 0;
    items.forEach((li, i) => {
      const ok = kind === 'all' || names[i].kind === kind;
      if (ok) match++;
      li.hidden = !ok || (!showAll && shown >= LIMIT);
      if (!li.hidden) shown++;
    });
    chips.forEach(c => c.classList.toggle('on', c.dataset.kind === kind));
    more.hidden = match <= LIMIT;
    more.textContent = showAll ? 'Show fewer' : `Show all ${match}`;
  }
  apply();
  return section('names', `Names (${names.length})`, names.length
    ? [h('div', { class: 'chips' }, chips), h('ul', { class: 'names' }, items), more] : none('No names found.'));
}

function quoteItem(q, ctx) {
  const long = (q.text || '').length > 420;
  const text = h('p', { class: long ? 'clamp' : null }, q.text || '');
  const art = ctx.byId.get(q.article);
  return h('li', { class: 'quote' }, h('blockquote', { dir: 'auto', lang: q.lang }, text),
    h('div', { class: 'cite' }, '— ', h('span', { title: art && art.title ? art.title : null }, outletLabel(q.outlet, ctx)), ' ', h('span', { class: 'badge', title: langName(q.lang) }, q.lang || '?'),
      q.uncertain ? h('span', { class: 'uncertain', title: `who said this is uncertain (confidence ${Math.round((q.confidence || 0) * 100)}%)` }, ' speaker uncertain') : null,
      long ? h('button', { type: 'button', class: 'link', onclick: ev => {
        ev.target.textContent = text.classList.toggle('clamp') ? 'Show all' : 'Show less';
      } }, 'Show all') : null));
}

// First few quotes per speaker; the rest stay in the page, folded.
function quoteList(list, ctx, shown = 3) {
  const items = list.map((q, i) => { const li = quoteItem(q, ctx); li.hidden = i >= shown; return li; });
  const more = list.length > shown ? h('button', { type: 'button', class: 'link more-quotes', onclick: () => {
    items.forEach(li => { li.hidden = false; });
    more.remove();
  } }, `${plural(list.length - shown, 'more quote')}`) : null;
  return [h('ul', { class: 'quotes' }, items), more];
}

function quotesSection(s, ctx) {
  const quotes = s.quotes || [];
  const groups = [...groupBy(quotes, q => q.speaker || '')].sort((x, y) => (!x[0]) - (!y[0]) || y[1].length - x[1].length);
  return section('quotes', `Quotes (${quotes.length})`, groups.length ? groups.map(([speaker, list]) =>
    h('div', { class: 'speaker' },
      h('h3', null, speaker ? h('bdi', { dir: 'auto' }, speaker) : 'Unattributed', h('span', { class: 'dim' }, ' ' + plural(list.length, 'quote'))),
      quoteList(list, ctx))) : none('No quotes found.'));
}

function fmtItem(r) {
  const s = String(r.item);
  return r.kind === 'number' && /^\d{5,}$/.test(s) ? Number(s).toLocaleString('en-US') : s;
}

function coverageSection(s, ctx) {
  const cov = s.coverage || {};
  const outlets = cov.outlets || [], rows = cov.rows || [];
  if (!outlets.length || !rows.length) return section('coverage', 'Coverage', none('No coverage data.'));
  const key = it => typeof it === 'string' ? it : `${it.kind}\u0000${it.item}`;
  const only = new Set(), shared = new Set((cov.shared || []).map(key));
  const exclusives = Object.entries(cov.only || {}).filter(([, items]) => Array.isArray(items) && items.length);
  exclusives.forEach(([, items]) => items.forEach(it => only.add(key(it))));
  const table = h('table', { class: 'matrix' },
    h('thead', null, h('tr', null, h('th', { class: 'item', scope: 'col' }, 'Item'), h('th', { scope: 'col' }, 'Kind'),
      outlets.map(o => h('th', { class: 'outlet', scope: 'col', title: o }, h('span', null, outletLabel(o, ctx)))),
      h('th', { scope: 'col', title: 'Number of outlets' }, '#'))),
    h('tbody', null, rows.map(r => {
      const has = new Set(r.outlets || []);
      const single = has.size === 1 || only.has(key(r));
      const all = shared.has(key(r)) || shared.has(r.item);
      return h('tr', { class: [single && 'only', all && 'shared'].filter(Boolean).join(' ') || null, 'data-kind': r.kind },
        h('th', { scope: 'row', class: 'item' }, h('bdi', { dir: 'auto' }, fmtItem(r))),
        h('td', { class: 'cov-kind' }, r.kind),
        outlets.map(o => has.has(o) ? h('td', { class: 'hit', title: `${outletLabel(o, ctx)}: ${fmtItem(r)}` }, '●') : h('td', null)),
        h('td', { class: 'n' }, has.size));
    })));
  return section('coverage', 'Coverage',
    h('p', { class: 'legend' }, '● the outlet reports this name, quote or number. ',
      h('span', { class: 'only-key' }, 'Highlighted'), ' rows are reported by a single outlet.'),
    h('div', { class: 'table-wrap' }, table),
    exclusives.length ? h('div', { class: 'exclusives' }, h('h3', null, 'Only in one outlet'),
      h('ul', null, exclusives.map(([o, items]) => h('li', null, h('strong', null, outletLabel(o, ctx)), ': ',
        items.map((it, i) => [i ? ', ' : '', h('bdi', { dir: 'auto' }, fmtItem(it)), ` (${it.kind})`]))))) : null);
}

async function showStory(id, token) {
  setMain(backLink(), loading());
  let s;
  try {
    // told for the reader's language when it has an article in it (lead, names)
    s = await api('/v1/stories/' + encodeURIComponent(id) + (readLang ? '?lang=' + encodeURIComponent(readLang) : ''));
  } catch (err) {
    if (token === renderToken) setMain(backLink(), errorBox(err.message));
    return;
  }
  if (token !== renderToken) return;
  const ctx = { byId: new Map((s.articles || []).map(a => [a.id, a])) };
  noteLangs(Object.keys(s.languages || {}));
  document.title = `${headlineOf(s).text} — skein`;
  linkQueue = [];
  setMain(backLink(), h('article', { class: 'story-page' }, storyHead(s), jumpNav(), eventsSection(s),
    articlesSection(s), namesSection(s), quotesSection(s, ctx), coverageSection(s, ctx)));
  drainLinks(token);
}

/* ---------- names across stories ---------- */

const namesLink = () => h('a', { class: 'back', href: '#/names' }, '← All names');

function namesForm(q) {
  const input = h('input', { name: 'q', type: 'search', dir: 'auto', value: q || '', placeholder: 'Putin, بوتين, Путин…' });
  const form = h('form', { class: 'filters names-search', role: 'search', 'aria-label': 'Names' },
    h('label', { class: 'grow' }, h('span', null, 'Find a person, place or organisation'), input),
    h('button', { type: 'submit' }, 'Find'));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    const v = input.value.trim();
    const hash = v ? '#/names?' + new URLSearchParams({ q: v }) : '#/names';
    if (location.hash === hash) route(); else location.hash = hash;
  });
  return form;
}

const spellingList = list => h('span', { class: 'spellings' }, (list || []).map((x, i) =>
  [i ? ', ' : '', h('bdi', { dir: 'auto' }, x.name), h('span', { class: 'dim' }, ` ×${x.count || 0}`)]));

async function showNames(params, token) {
  document.title = 'skein — names';
  const q = params.get('q') || '';
  const status = h('div', { class: 'status' }, loading());
  setMain(h('a', { class: 'back', href: lastListHash }, '← All stories'), h('h1', null, 'Names across stories'),
    namesForm(q), status);
  try {
    const data = await api('/v1/names?' + new URLSearchParams(q ? { q, limit: '100' } : { limit: '100' }));
    if (token !== renderToken) return;
    const names = data.names || [];
    status.replaceChildren(names.length ? h('ul', { class: 'name-results' }, names.map(n => h('li', { class: 'name' },
      h('a', { class: 'name-main', href: '#/names/' + n.key }, h('bdi', { dir: 'auto' }, n.name)),
      h('span', { class: 'kind kind-' + n.kind }, n.kind),
      h('span', { class: 'dim' }, `${storiesN(n.stories || 0)}, ${plural(n.mentions || 0, 'mention')}`),
      h('div', { class: 'aliases' }, spellingList(n.spellings)))))
      : h('p', { class: 'empty' }, q ? `No name has “${q}” in any spelling.` : 'No names yet.'));
  } catch (err) {
    if (token === renderToken) status.replaceChildren(errorBox(err.message));
  }
}

async function showName(key, token) {
  setMain(namesLink(), loading());
  let n;
  try {
    n = await api('/v1/names/' + encodeURIComponent(key));
  } catch (err) {
    if (token === renderToken) setMain(namesLink(), errorBox(err.message));
    return;
  }
  if (token !== renderToken) return;
  document.title = `${n.name} — skein`;
  const stories = n.stories || [], quotes = n.quotes || [];
  const titles = new Map(stories.map(s => [s.story, s.title]));
  setMain(namesLink(), h('article', { class: 'name-page' },
    h('header', { class: 'story-head' },
      h('h1', { dir: 'auto' }, n.name),
      h('div', { class: 'meta' }, h('span', { class: 'kind kind-' + n.kind }, n.kind),
        h('span', null, storiesN(stories.length)), h('span', null, plural(quotes.length, 'quote'))),
      h('p', null, 'Spellings: ', spellingList(n.spellings))),
    section('name-stories', `Stories (${stories.length})`, stories.length ? h('ol', { class: 'name-stories' }, stories.map(s =>
      h('li', null, h('a', { href: '#/story/' + s.story, dir: 'auto' }, s.title || `Story ${s.story}`),
        h('span', { class: 'dim' }, ' ' + [plural(s.size || 0, 'article'), fmtTime(s.last_seen) && `last ${fmtTime(s.last_seen)} UTC`,
          plural(s.mentions || 0, 'mention')].filter(Boolean).join(' · '))))) : none('No stories.')),
    section('name-quotes', `Quotes over time (${quotes.length})`, quotes.length ? h('ol', { class: 'quotes' }, quotes.map(q =>
      h('li', { class: 'quote' }, h('blockquote', { dir: 'auto', lang: q.lang }, h('p', null, q.text || '')),
        h('div', { class: 'cite' }, '— ', h('bdi', { dir: 'auto' }, q.speaker || n.name), ', ',
          h('span', null, q.outlet && q.outlet !== q.article ? q.outlet : 'outlet not given'), q.published ? `, ${fmtTime(q.published)} UTC` : '', ' · ',
          h('a', { href: '#/story/' + q.story, dir: 'auto' }, titles.get(q.story) || `story ${q.story}`))))) : none('No quotes.'))));
}

/* ---------- routing ---------- */

function route() {
  const token = ++renderToken;
  const r = parseHash();
  window.scrollTo(0, 0);
  if (r.view === 'story') showStory(r.id, token);
  else if (r.view === 'name') showName(r.key, token);
  else if (r.view === 'names') showNames(r.params, token);
  else showList(r.params, token);
}

window.addEventListener('hashchange', route);
route();
