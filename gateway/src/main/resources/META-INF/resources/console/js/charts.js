// Live charts: requests/s, p50/p99 latency and errors by code per service, and the Kafka path's requests per
// merged call, from the gateway's own metrics history (/augur/console/metrics), polled every sample interval.
import { call, el } from './api.js';
import { lineChart } from './chart.js';

function serviceCards(name, points, windowMs, now, intervalMs) {
  const rps = points.map(p => ({ t: p.t, v: p.rps }));
  const p50 = points.map(p => ({ t: p.t, v: p.p50_ms }));
  const p99 = points.map(p => ({ t: p.t, v: p.p99_ms }));
  const codes = [...new Set(points.flatMap(p => Object.keys(p.errors)))].sort();
  const errors = codes.map(c => ({ name: c, unit: '/s', points: points.map(p => ({ t: p.t, v: p.errors[c] || 0 })) }));
  const total = points.reduce((sum, p) => sum + p.rps, 0);
  const label = name === '*' ? 'all services' : name;
  return el('section', { class: 'service-charts', 'data-service': name },
    el('h2', {}, label, el('span', { class: 'muted' }, ` · requests in the window: `),
      el('span', { class: 'window-requests' }, Math.round(total * intervalMs / 1000))),
    el('div', { class: 'cards' },
      lineChart('Requests per second', `rps-${name}`, [{ name: 'requests', unit: '/s', points: rps }], windowMs, now),
      lineChart('Latency (ms)', `latency-${name}`, [{ name: 'p50', unit: 'ms', points: p50 }, { name: 'p99', unit: 'ms', points: p99 }], windowMs, now),
      lineChart('Errors by code', `errors-${name}`, errors.length ? errors : [{ name: 'none', unit: '/s', points: rps.map(p => ({ t: p.t, v: 0 })) }], windowMs, now)));
}

async function draw(main, only) {
  const q = only ? `?service=${encodeURIComponent(only)}` : '';
  const data = await call('/augur/console/metrics' + q);
  const windowMs = Math.max(60000, data.interval_ms * 150);
  const now = Date.now();
  const sections = Object.entries(data.services).map(([name, pts]) => serviceCards(name, pts, windowMs, now, data.interval_ms));
  const batch = lineChart('Kafka path: requests per merged call', 'kafka-batch',
    [{ name: 'mean', unit: 'requests', points: data.kafka_batch.map(b => ({ t: b.t, v: b.mean })) }], windowMs, now);
  const services = await call('/augur/console/services');
  const picker = el('select', { id: 'charts-service', onchange: e => { location.hash = '#/charts/' + encodeURIComponent(e.target.value); } },
    el('option', { value: '' }, 'all services'),
    services.services.map(s => el('option', { value: s.name, selected: s.name === only }, s.name)));
  main.replaceChildren(el('div', { class: 'row' }, 'Service ', picker,
    el('span', { class: 'muted' }, `sampled every ${data.interval_ms / 1000} s from the gateway's metrics`)),
    ...(sections.length ? sections : [el('p', { class: 'muted', id: 'no-traffic' }, 'No requests yet.')]),
    el('div', { class: 'cards' }, batch));
}

export async function render(main, service) {
  await draw(main, service);
  const timer = setInterval(() => draw(main, service).catch(() => {}), 2000);
  return () => clearInterval(timer);
}
