// Every call the console makes goes through here. With security on, the console's data needs an admin credential:
// the first 401 asks for an API key or token, kept in sessionStorage (this tab only) and sent as "authorization".
const TOKEN_KEY = 'augur.token';

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export async function call(path, { method = 'GET', body, raw = false, headers = {} } = {}) {
  const h = { ...headers };
  const t = token();
  if (t) h['authorization'] = 'Bearer ' + t;
  if (body !== undefined && !(body instanceof Blob) && typeof body !== 'string') {
    body = JSON.stringify(body);
    h['content-type'] = 'application/json';
  } else if (typeof body === 'string') {
    h['content-type'] = h['content-type'] || 'application/json';
  }
  const started = performance.now();
  let response = await fetch(path, { method, body, headers: h });
  if (response.status === 401) {
    const entered = window.prompt('This gateway needs a credential: paste an API key or token with the admin verb '
      + '(kept for this tab only)');
    if (entered && entered.trim()) {
      sessionStorage.setItem(TOKEN_KEY, entered.trim());
      h['authorization'] = 'Bearer ' + entered.trim();
      response = await fetch(path, { method, body, headers: h });
    }
  }
  const millis = performance.now() - started;
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  if (raw) return { status: response.status, ok: response.ok, text, json, millis, headers: response.headers };
  if (!response.ok) {
    throw new Error((json && json.error) || `${method} ${path}: HTTP ${response.status}`);
  }
  return json;
}

export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

export function fmt(v, digits = 2) {
  return v === null || v === undefined || Number.isNaN(v) ? '–' : Number(v).toFixed(digits);
}
