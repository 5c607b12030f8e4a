// Models (admin): the repository index of a service's predictor (every model and version with its state and
// reason), and load/unload through the gateway.
import { call, el } from './api.js';

async function table(service, out, status) {
  const r = await call(`/augur/console/models/${encodeURIComponent(service)}`, { method: 'GET', raw: true });
  if (!r.ok) {
    out.replaceChildren(el('p', { class: 'error' }, (r.json && r.json.error) || `HTTP ${r.status}`));
    return;
  }
  status.textContent = `repository of revision ${r.headers.get('x-augur-revision') || '?'}`;
  const act = (model, action) => async () => {
    const a = await call(`/augur/console/models/${encodeURIComponent(service)}/${encodeURIComponent(model)}/${action}`, { method: 'POST', raw: true });
    status.textContent = a.ok ? `${action} ${model}: done` : `${action} ${model}: ${(a.json && a.json.error) || 'HTTP ' + a.status}`;
    await table(service, out, status);
  };
  out.replaceChildren(el('table', { id: 'models' },
    el('thead', {}, el('tr', {}, ['Model', 'Version', 'State', 'Reason', 'Memory', ''].map(h => el('th', {}, h)))),
    el('tbody', {}, (r.json || []).map(m => el('tr', { 'data-model': m.name, 'data-version': m.version || '' },
      el('td', {}, m.name), el('td', {}, m.version || ''),
      el('td', { class: 'state' }, el('span', { class: m.state === 'READY' ? 'ok' : (m.state === 'UNAVAILABLE' ? 'bad' : 'warn') }, m.state)),
      el('td', { class: 'reason' }, m.reason || ''),
      el('td', {}, m.memory_bytes ? `${(m.memory_bytes / 1048576).toFixed(1)} MiB` : ''),
      el('td', {}, el('button', { class: 'secondary', onclick: act(m.name, 'load') }, 'Load'), ' ',
        el('button', { class: 'secondary', onclick: act(m.name, 'unload') }, 'Unload')))))));
}

export async function render(main, chosen) {
  const list = (await call('/augur/console/services')).services;
  const service = chosen || (list[0] && list[0].name);
  const picker = el('select', { id: 'models-service', onchange: e => { location.hash = '#/models/' + encodeURIComponent(e.target.value); } },
    list.map(s => el('option', { value: s.name, selected: s.name === service }, s.name)));
  const out = el('div', {});
  const status = el('p', { class: 'muted', id: 'models-status' });
  main.replaceChildren(el('div', { class: 'row' }, 'Predictor of ', picker,
    el('span', { class: 'muted' }, 'opening this page starts a predictor that is scaled to zero')), status, out);
  if (service) await table(service, out, status);
}
