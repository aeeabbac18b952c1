// The start page's filters, counts and map, in the browser. The table work is arquero's, over the compact
// table the stage embeds in the page; the state lives in the URL's hash so that a view can be shared.

import { countClasses, lqClasses } from '@kk/map/scale';
import { compareSv, formatDecimal } from '@kk/swedish';
import { escape as aqEscape, from } from 'arquero';

type Kind = 'lista1' | 'strategiskt' | 'transnationellt';
interface Row {
  id: string;
  namn: string;
  typ: Kind;
  lan: string[];
  lanText: string;
  kategori: string;
  sok: string;
}
interface Data {
  rader: Row[];
  lan: { kod: string; kort: string }[];
  lq: Record<string, Record<string, number | null>>;
  typText: Record<Kind, string>;
}
interface State {
  lista: string;
  lan: string;
  kategori: string;
  q: string;
  sort: string;
  farg: string;
  bransch: string;
}

const KEYS: (keyof State)[] = ['lista', 'lan', 'kategori', 'q', 'sort', 'farg', 'bransch'];
const DEFAULTS: State = { lista: '', lan: '', kategori: '', q: '', sort: 'namn', farg: 'antal', bransch: '' };
const COUNT_TEXT: Record<Kind, string> = {
  lista1: 'lista 1',
  strategiskt: 'strategiska nätverk',
  transnationellt: 'transnationella nätverk',
};
const KIND_ORDER: Record<Kind, number> = { lista1: 0, strategiskt: 1, transnationellt: 2 };

performance.mark('kk-app');
const el = <T extends Element>(sel: string) => document.querySelector(sel) as T;
const data = JSON.parse(el<HTMLScriptElement>('#kk-data').textContent ?? '{}') as Data;
/** An LQ as every page and the report print it: rounded once, 2 decimals, sv-SE. */
const lqText = (v: number) => formatDecimal(v, 2);

/** Accent-, case- and space-insensitive: "process it" finds "ProcessIT". Same folding as the stage's. */
const fold = (s: string) =>
  s
    .toLocaleLowerCase('sv')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '');

// Sort keys in Swedish order, computed once (arquero's orderby compares plain values).
const byName = [...data.rader].sort((a, b) => compareSv(a.namn, b.namn));
const rank = new Map(byName.map((r, i) => [r.id, i]));
const rankOf = (key: (r: Row) => string) => {
  const sorted = [...data.rader].sort(
    (a, b) => compareSv(key(a), key(b)) || (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0),
  );
  return new Map(sorted.map((r, i) => [r.id, i]));
};
const ranks: Record<string, Map<string, number>> = {
  namn: rank,
  lan: rankOf((r) => r.lanText),
  sektor: rankOf((r) => r.kategori),
  lista: new Map(
    [...data.rader]
      .sort((a, b) => KIND_ORDER[a.typ] - KIND_ORDER[b.typ] || (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0))
      .map((r, i) => [r.id, i]),
  ),
};
const base = from(
  data.rader.map((r) => ({
    ...r,
    r_namn: ranks.namn.get(r.id),
    r_lan: ranks.lan.get(r.id),
    r_sektor: ranks.sektor.get(r.id),
    r_lista: ranks.lista.get(r.id),
  })),
);

function readState(): State {
  const p = new URLSearchParams(location.hash.replace(/^#/, ''));
  const s = { ...DEFAULTS };
  for (const k of KEYS) s[k] = p.get(k) ?? DEFAULTS[k];
  return s;
}

function writeState(s: State) {
  const p = new URLSearchParams();
  for (const k of KEYS) if (s[k] && s[k] !== DEFAULTS[k]) p.set(k, s[k]);
  const hash = p.toString();
  history.replaceState(null, '', hash ? `#${hash}` : location.pathname + location.search);
}

/** The initiatives matching every filter but (optionally) the län: the map's counts ignore the län filter. */
function filtered(s: State, withLan = true) {
  let t = base;
  if (s.lista) t = t.filter(aqEscape((d: Row) => d.typ === s.lista));
  if (withLan && s.lan) t = t.filter(aqEscape((d: Row) => d.lan.includes(s.lan)));
  if (s.kategori) t = t.filter(aqEscape((d: Row) => d.kategori === s.kategori));
  const q = fold(s.q);
  if (q) t = t.filter(aqEscape((d: Row) => d.sok.includes(q)));
  return t;
}

function render(s: State) {
  const form = el<HTMLFormElement>('#filter');
  for (const k of ['lista', 'lan', 'kategori', 'q', 'sort'] as const) {
    const input = form.elements.namedItem(k) as HTMLInputElement | HTMLSelectElement;
    if (input.value !== s[k]) input.value = s[k];
  }
  const t = filtered(s).orderby(`r_${ranks[s.sort] ? s.sort : 'namn'}`);
  const rows = t.objects() as unknown as Row[];
  const perKind = new Map(
    (t.groupby('typ').count().objects() as { typ: Kind; count: number }[]).map((o) => [o.typ, o.count]),
  );

  // Table: text only through textContent, so markup in a name is shown as written.
  const body = el<HTMLTableSectionElement>('#tabell tbody');
  body.replaceChildren(
    ...rows.map((r) => {
      const tr = document.createElement('tr');
      const a = document.createElement('a');
      a.href = `initiativ/${encodeURIComponent(r.id)}.html`;
      a.textContent = r.namn;
      const first = document.createElement('td');
      first.append(a);
      tr.append(first);
      for (const text of [data.typText[r.typ], r.lanText, r.kategori]) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.append(td);
      }
      return tr;
    }),
  );
  const lanName = data.lan.find((l) => l.kod === s.lan)?.kort;
  const kinds = (['lista1', 'strategiskt', 'transnationellt'] as Kind[])
    .map((k) => `${COUNT_TEXT[k]}: ${perKind.get(k) ?? 0}`)
    .join(', ');
  el('#antal').textContent =
    `Visar ${rows.length} av ${data.rader.length} initiativ${lanName ? ` i ${lanName}` : ''} (${kinds}).`;

  // Map: markers of initiatives outside the filter fade; the chosen län is outlined.
  const shown = new Set(rows.map((r) => r.id));
  for (const a of document.querySelectorAll<SVGAElement>('#karta a.punkt')) {
    a.classList.toggle('dim', !shown.has(a.dataset.id ?? ''));
  }
  for (const p of document.querySelectorAll<SVGPathElement>('#karta path[data-lan]')) {
    p.classList.toggle('vald', p.dataset.lan === s.lan);
    p.setAttribute('aria-pressed', String(p.dataset.lan === s.lan));
  }
  colour(s);
}

function colour(s: State) {
  // The LQ map starts on the first real industry group (00 is "okänd verksamhet").
  const select = el<HTMLSelectElement>('#bransch');
  const bransch = s.bransch || ([...select.options].find((o) => o.value !== '00')?.value ?? select.value);
  (
    document.querySelector(`input[name=farg][value=${s.farg === 'lq' ? 'lq' : 'antal'}]`) as HTMLInputElement
  ).checked = true;
  select.value = bransch;
  const counts = new Map<string, number>();
  for (const o of filtered(s, false).select('lan').unroll('lan').groupby('lan').count().objects() as {
    lan: string;
    count: number;
  }[])
    counts.set(o.lan, o.count);
  const lq = (kod: string) => data.lq[kod]?.[bransch] ?? null;
  const scale = s.farg === 'lq' ? lqClasses() : countClasses(Math.max(1, ...counts.values()));
  for (const p of document.querySelectorAll<SVGPathElement>('#karta path[data-lan]')) {
    const kod = p.dataset.lan ?? '';
    const name = data.lan.find((l) => l.kod === kod)?.kort ?? kod;
    const v = s.farg === 'lq' ? lq(kod) : (counts.get(kod) ?? 0);
    p.setAttribute('fill', scale.fill(v));
    const label =
      s.farg === 'lq'
        ? `${name}: LQ ${v === null ? 'uppgift saknas' : lqText(v)}`
        : `${name}: ${v} initiativ`;
    p.setAttribute('aria-label', label);
    const title = p.querySelector('title');
    if (title) title.textContent = label;
  }
  const legend = el<HTMLUListElement>('#fargskala');
  legend.replaceChildren(
    ...[...scale.legend, ...(s.farg === 'lq' ? [{ label: 'uppgift saknas', fill: '' }] : [])].map((c) => {
      const li = document.createElement('li');
      const sw = document.createElement('span');
      sw.className = c.fill ? 'swatch' : 'swatch saknas';
      if (c.fill) sw.style.background = c.fill;
      li.append(sw, c.label);
      return li;
    }),
  );
  el('#lq-bransch').textContent = bransch;
  for (const tr of document.querySelectorAll<HTMLTableRowElement>('#lan-tabell tbody tr')) {
    const v = lq(tr.dataset.lan ?? '');
    (tr.querySelector('td.lq') as HTMLElement).textContent = v === null ? 'uppgift saknas' : lqText(v);
  }
}

let state = readState();
const update = (patch: Partial<State>) => {
  state = { ...state, ...patch };
  writeState(state);
  render(state);
};

const form = el<HTMLFormElement>('#filter');
form.addEventListener('input', (e) => {
  const t = e.target as HTMLInputElement;
  if (t.name) update({ [t.name]: t.value } as Partial<State>);
});
form.addEventListener('submit', (e) => e.preventDefault());
form.addEventListener('reset', (e) => {
  e.preventDefault();
  update({ lista: '', lan: '', kategori: '', q: '', sort: 'namn' });
});
el('.colouring').addEventListener('change', (e) => {
  const t = e.target as HTMLInputElement;
  if (t.name === 'farg') update({ farg: t.value });
  if (t.name === 'bransch') update({ bransch: t.value, farg: 'lq' });
});

// Län on the map: click, Enter or Space chooses the län (again: all län).
const karta = el<HTMLElement>('#karta');
const pick = (target: EventTarget | null) => {
  const p = (target as Element | null)?.closest?.('path[data-lan]') as SVGPathElement | null;
  if (!p) return false;
  update({ lan: state.lan === p.dataset.lan ? '' : (p.dataset.lan ?? '') });
  return true;
};
karta.addEventListener('click', (e) => pick(e.target));
karta.addEventListener('keydown', (e) => {
  if ((e.key === 'Enter' || e.key === ' ') && pick(e.target)) e.preventDefault();
});

// Hover and keyboard focus show the name of the län or initiative beside it.
const tip = el<HTMLElement>('#tip');
const show = (target: EventTarget | null) => {
  const t = (target as Element | null)?.closest?.('a.punkt, path[data-lan]');
  if (!t) {
    tip.hidden = true;
    return;
  }
  tip.textContent = t.getAttribute('aria-label');
  const box = t.getBoundingClientRect();
  const frame = (tip.offsetParent ?? karta).getBoundingClientRect();
  tip.style.left = `${Math.max(0, box.left - frame.left + box.width / 2)}px`;
  tip.style.top = `${box.top - frame.top - 6}px`;
  tip.hidden = false;
};
for (const ev of ['mouseover', 'focusin']) karta.addEventListener(ev, (e) => show(e.target));
karta.addEventListener('mouseleave', () => {
  tip.hidden = true;
});
karta.addEventListener('focusout', () => {
  tip.hidden = true;
});

window.addEventListener('hashchange', () => {
  state = readState();
  render(state);
});
performance.mark('kk-render');
render(state);
document.documentElement.dataset.ready = 'true';
performance.mark('kk-ready');
