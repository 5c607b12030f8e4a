// Jobs: every batch job with a progress bar, its rate, cancel and the results download; and a small form to
// submit one (one V1 or V2 JSON request per line).
import { call, el, fmt } from './api.js';

function row(j, redraw) {
  const pct = j.total > 0 ? Math.floor((100 * j.done) / j.total) : (j.state === 'succeeded' ? 100 : 0);
  const base = `/augur/jobs/${encodeURIComponent(j.service)}/${encodeURIComponent(j.id)}`;
  const finished = ['succeeded', 'failed', 'cancelled'].includes(j.state);
  return el('tr', { 'data-job': j.id, 'data-state': j.state },
    el('td', {}, el('code', {}, j.id), el('div', { class: 'muted' }, j.created)),
    el('td', {}, j.service),
    el('td', {}, el('span', { class: j.state === 'succeeded' ? 'ok' : (j.state === 'running' || j.state === 'queued' ? 'warn' : 'bad') }, j.state),
      j.reason ? el('div', { class: 'reason' }, j.reason) : ''),
    el('td', {}, el('div', { class: `bar ${j.state}`, 'data-percent': pct }, el('div', { style: `width:${pct}%` })),
      el('span', { class: 'pct' }, `${pct}%`), el('span', { class: 'muted' }, ` ${j.done}/${j.total}` + (j.failed ? `, ${j.failed} failed` : ''))),
    el('td', {}, `${fmt(j.rate, 1)} rows/s`),
    el('td', {},
      finished ? el('a', { href: base + '/results', download: `${j.id}.jsonl` }, 'results') : '',
      !finished ? el('button', { class: 'secondary', onclick: async () => { await call(base, { method: 'DELETE' }).catch(e => alert(e.message)); redraw(); } }, 'Cancel') : ''));
}

async function draw(table, message) {
  let data;
  try {
    data = await call('/augur/jobs');
  } catch (e) {
    message.textContent = e.message;
    return;
  }
  message.textContent = data.jobs.length ? '' : 'No jobs yet.';
  table.replaceChildren(el('thead', {}, el('tr', {}, ['Job', 'Service', 'State', 'Progress', 'Rate', ''].map(h => el('th', {}, h)))),
    el('tbody', {}, data.jobs.map(j => row(j, () => draw(table, message)))));
}

export async function render(main) {
  const services = (await call('/augur/console/services')).services;
  const table = el('table', { id: 'jobs' });
  const message = el('p', { class: 'muted', id: 'jobs-message' });
  const picker = el('select', { id: 'job-service' }, services.map(s => el('option', { value: s.name }, s.name)));
  const file = el('textarea', { id: 'job-rows', placeholder: '{"instances": [[5.1, 3.5, 1.4, 0.2]]}\n{"instances": [[6.8, 2.8, 4.8, 1.4]]}', style: 'min-height:80px' });
  const submitted = el('span', { class: 'muted', id: 'job-submitted' });
  const submit = async () => {
    const r = await call(`/augur/jobs/${encodeURIComponent(picker.value)}`, { method: 'POST', body: file.value, raw: true, headers: { 'content-type': 'application/x-ndjson' } });
    submitted.textContent = r.ok ? `submitted ${r.json.id}` : (r.json && r.json.error) || `HTTP ${r.status}`;
    draw(table, message);
  };
  main.replaceChildren(el('h2', {}, 'Batch jobs'), message, table,
    el('h2', {}, 'Submit a job'), el('div', { class: 'row' }, 'Service ', picker, el('button', { id: 'job-submit', onclick: submit }, 'Submit'), submitted),
    file);
  await draw(table, message);
  const timer = setInterval(() => draw(table, message), 1000);
  return () => clearInterval(timer);
}
