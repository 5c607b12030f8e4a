// Hand-drawn SVG charts: no chart library, nothing fetched from elsewhere.
import { el, fmt } from './api.js';

const NS = 'http://www.w3.org/2000/svg';
export const COLORS = ['#2f5fd0', '#c2362b', '#1f8a4c', '#b7791f', '#7a3fb8', '#11808f'];

function svg(tag, attrs = {}, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function niceMax(v) {
  if (!(v > 0)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

/**
 * A line chart of several series over time. series: [{name, unit, points: [{t, v}]}]; the x axis spans
 * [now - windowMs, now]. Returns a card whose legend shows each series' latest value (data-latest holds it).
 */
export function lineChart(title, id, series, windowMs, now = Date.now()) {
  const W = 560, H = 150, L = 44, R = 8, T = 8, B = 18;
  const all = series.flatMap(s => s.points.map(p => p.v)).filter(v => v !== null && Number.isFinite(v));
  const max = niceMax(Math.max(0, ...all));
  const x = t => L + (W - L - R) * (1 - (now - t) / windowMs);
  const y = v => T + (H - T - B) * (1 - v / max);
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', 'aria-label': title });
  for (let i = 0; i <= 4; i++) {
    const v = (max * i) / 4;
    root.append(svg('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: '#e4e7ee' }));
    root.append(svg('text', { x: L - 4, y: y(v) + 3, 'text-anchor': 'end' }, fmt(v, v < 10 ? 1 : 0)));
  }
  root.append(svg('text', { x: L, y: H - 4 }, `-${Math.round(windowMs / 60000)} min`));
  root.append(svg('text', { x: W - R, y: H - 4, 'text-anchor': 'end' }, 'now'));
  const legend = el('div', { class: 'legend' });
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length];
    let d = '';
    let pen = false;
    for (const p of s.points) {
      if (p.v === null || !Number.isFinite(p.v) || p.t < now - windowMs) { pen = false; continue; }
      d += `${pen ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`;
      pen = true;
    }
    root.append(svg('path', { d, fill: 'none', stroke: color, 'stroke-width': 1.6 }));
    const last = [...s.points].reverse().find(p => p.v !== null && Number.isFinite(p.v));
    const latest = last ? last.v : null;
    legend.append(el('span', { 'data-series': s.name, 'data-latest': latest === null ? '' : latest },
      el('span', { class: 'swatch', style: `background:${color}` }), `${s.name}: `,
      el('b', { class: 'value' }, fmt(latest)), s.unit ? ` ${s.unit}` : ''));
  });
  return el('div', { class: 'card', id }, el('h3', {}, title), root, legend);
}

/** Horizontal bars for signed values (feature attributions): positive to the right, negative to the left. */
export function barChart(id, entries) {
  const W = 560, row = 22, L = 150, R = 60;
  const H = row * entries.length + 10;
  const max = Math.max(1e-12, ...entries.map(e => Math.abs(e.value)));
  const mid = L + (W - L - R) / 2;
  const half = (W - L - R) / 2;
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, width: '100%', id, role: 'img' });
  root.append(svg('line', { x1: mid, x2: mid, y1: 0, y2: H, stroke: '#9aa3b5' }));
  entries.forEach((e, i) => {
    const w = (Math.abs(e.value) / max) * half;
    const yy = 5 + i * row;
    root.append(svg('text', { x: L - 6, y: yy + 13, 'text-anchor': 'end', style: 'font-size:12px;fill:#1d2330' }, e.label));
    root.append(svg('rect', { x: e.value >= 0 ? mid : mid - w, y: yy + 2, width: Math.max(w, 0.5), height: row - 6,
      fill: e.value >= 0 ? COLORS[0] : COLORS[1], 'data-feature': e.label, 'data-value': e.value }));
    root.append(svg('text', { x: W - R + 4, y: yy + 13, style: 'font-size:11px' }, fmt(e.value, 3)));
  });
  return root;
}
