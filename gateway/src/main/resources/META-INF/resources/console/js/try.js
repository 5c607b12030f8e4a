// Try it: a V1/V2 JSON request editor pre-filled from the model's metadata; shows the answer and its latency, and
// for services with an explainer the explanation as a bar chart of attributions.
import { call, el, fmt } from './api.js';
import { barChart } from './chart.js';

function zeros(shape) {
  const dims = shape.map(d => (d < 0 ? 1 : d));
  const build = i => (i === dims.length ? 0 : Array.from({ length: dims[i] }, () => build(i + 1)));
  return build(0);
}

/** A request with the model's inputs filled with zeros (edit the values). */
export function template(meta, protocol) {
  const inputs = (meta && meta.inputs) || [];
  if (protocol === 'v1') {
    const first = inputs[0];
    const row = first ? zeros(first.shape.slice(1)) : [];
    return JSON.stringify({ instances: [row] }, null, 2);
  }
  return JSON.stringify({
    inputs: inputs.map(i => {
      const shape = i.shape.map(d => (d < 0 ? 1 : d));
      return { name: i.name, shape, datatype: i.datatype, data: zeros([shape.reduce((a, b) => a * b, 1)]) };
    })
  }, null, 2);
}

function path(service, protocol, explain) {
  const m = encodeURIComponent(service);
  if (protocol === 'v1') return `/v1/models/${m}:${explain ? 'explain' : 'predict'}`;
  return `/v2/models/${m}/${explain ? 'explain' : 'infer'}`;
}

function explanationView(json) {
  const data = json && json.explanations && json.explanations.data && json.explanations.data[0];
  if (!data) return el('p', { class: 'muted' }, 'No explanation in the answer.');
  if (data.attributions) {
    const entries = Object.entries(data.attributions).map(([label, value]) => ({ label, value: value || 0 }));
    return el('div', { class: 'card' }, el('h3', {}, `${json.explanations.name}: attributions`),
      barChart('explain-chart', entries));
  }
  if (data.anchor) return el('p', { id: 'explain-anchor' }, `Anchor: ${data.anchor.join(' AND ')} (precision ${fmt(data.precision)})`);
  return el('p', { class: 'muted' }, 'The explanation has no attributions to draw.');
}

export async function render(main, chosen) {
  const list = (await call('/augur/console/services')).services;
  const service = chosen || (list[0] && list[0].name);
  const spec = list.find(s => s.name === service);
  if (!spec) {
    main.replaceChildren(el('p', { class: 'muted' }, 'No InferenceService to try.'));
    return;
  }
  let meta = null;
  let metaError = '';
  try {
    meta = await call(`/v2/models/${encodeURIComponent(service)}`);
  } catch (e) {
    metaError = `metadata unavailable: ${e.message}`;
  }
  const picker = el('select', { id: 'try-service', onchange: e => { location.hash = '#/try/' + encodeURIComponent(e.target.value); } },
    list.map(s => el('option', { value: s.name, selected: s.name === service }, s.name)));
  const protocol = el('select', { id: 'try-protocol' }, el('option', { value: 'v1' }, 'V1 (instances)'), el('option', { value: 'v2' }, 'V2 (inputs)'));
  const body = el('textarea', { id: 'try-body', spellcheck: 'false' });
  body.value = template(meta, 'v1');
  protocol.addEventListener('change', () => { body.value = template(meta, protocol.value); });
  const answer = el('pre', { id: 'try-answer' });
  const latency = el('span', { id: 'try-latency', class: 'muted' });
  const explanation = el('div', { id: 'try-explanation' });
  const send = async explain => {
    answer.textContent = '…';
    explanation.replaceChildren();
    const r = await call(path(service, protocol.value, explain), { method: 'POST', body: body.value, raw: true });
    latency.textContent = `HTTP ${r.status} in ${fmt(r.millis, 1)} ms` + (r.headers.get('x-augur-revision') ? ` from ${r.headers.get('x-augur-revision')}` : '');
    answer.textContent = r.json ? JSON.stringify(r.json, null, 2) : r.text;
    answer.className = r.ok ? '' : 'error';
    if (explain && r.ok) explanation.replaceChildren(explanationView(r.json));
  };
  const hasExplainer = Boolean(spec.components.explainer);
  main.replaceChildren(
    el('div', { class: 'row' }, 'Service ', picker, 'Protocol ', protocol,
      meta ? el('span', { class: 'muted' }, `${meta.platform || ''} · inputs ${meta.inputs.map(i => `${i.name} ${i.datatype} [${i.shape}]`).join(', ')}`) : el('span', { class: 'error' }, metaError)),
    body,
    el('div', { class: 'row' },
      el('button', { id: 'try-send', onclick: () => send(false) }, 'Send'),
      hasExplainer ? el('button', { id: 'try-explain', class: 'secondary', onclick: () => send(true) }, 'Explain') : '',
      latency),
    answer, explanation);
}
