// Services: every InferenceService with readiness, revisions and their traffic, processes, scale-to-zero state,
// model format and version, and the reason when something is not ready.
import { call, el } from './api.js';

function state(s) {
  const cls = s === 'READY' ? 'ok' : (s === 'FAILED' ? 'bad' : 'warn');
  return el('span', { class: cls }, s);
}

function model(components) {
  const p = components.predictor || {};
  const parts = [];
  if (p.format) parts.push(el('span', { class: 'tag' }, p.format + (p.format_version ? ' ' + p.format_version : '')));
  if (p.protocol) parts.push(el('span', { class: 'tag' }, p.protocol));
  if (components.transformer) parts.push(el('span', { class: 'tag' }, 'transformer'));
  if (components.explainer) parts.push(el('span', { class: 'tag' }, 'explainer'));
  return parts;
}

function scaling(components) {
  return Object.entries(components).map(([kind, c]) => el('div', {},
    `${kind}: ${c.min_replicas}..${c.max_replicas || '∞'}`,
    c.scale_to_zero ? el('span', { class: 'tag' }, 'scale to zero') : '',
    c.canary_traffic_percent !== undefined ? el('span', { class: 'tag' }, `canary ${c.canary_traffic_percent}%`) : ''));
}

function revisions(list) {
  return list.map(r => el('div', { class: 'revision', 'data-revision': r.name },
    `${r.name} `, state(r.state), ` ${r.percent}%`,
    r.pid > 0 ? el('span', { class: 'muted' }, ` pid ${r.pid}`) : '',
    r.port > 0 ? el('span', { class: 'muted' }, ` :${r.port}`) : '',
    r.reason ? el('div', { class: 'reason' }, r.reason) : ''));
}

async function draw(main) {
  const data = await call('/augur/console/services');
  const rows = data.services.map(s => el('tr', { 'data-service': s.name },
    el('td', {}, el('b', {}, s.name), el('div', { class: 'muted' }, s.namespace)),
    el('td', { class: 'ready' }, s.ready ? el('span', { class: 'ok' }, 'Ready') : el('span', { class: 'bad' }, 'Not ready')),
    el('td', {}, model(s.components)),
    el('td', {}, revisions(s.revisions)),
    el('td', {}, scaling(s.components)),
    el('td', {}, el('a', { href: `#/charts/${encodeURIComponent(s.name)}` }, 'charts'), ' · ',
      el('a', { href: `#/try/${encodeURIComponent(s.name)}` }, 'try'), ' · ',
      el('a', { href: `#/models/${encodeURIComponent(s.name)}` }, 'models'))));
  const errors = data.errors.map(e => el('li', { class: 'error' }, e));
  main.replaceChildren(
    el('h2', {}, `InferenceServices (${data.services.length})`),
    el('table', { id: 'services' },
      el('thead', {}, el('tr', {}, ['Service', 'Ready', 'Model', 'Revisions (traffic, process)', 'Replicas', ''].map(h => el('th', {}, h)))),
      el('tbody', {}, rows)),
    errors.length ? el('div', {}, el('h2', {}, 'Files that could not be used'), el('ul', {}, errors)) : '');
  document.getElementById('status').textContent = `${data.services.filter(s => s.ready).length}/${data.services.length} ready`;
}

export async function render(main) {
  await draw(main);
  const timer = setInterval(() => draw(main).catch(() => {}), 3000);
  return () => clearInterval(timer);
}
