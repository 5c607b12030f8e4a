// The console's router: one page per hash (#/services, #/charts/<isvc>, #/try/<isvc>, #/jobs, #/models/<isvc>).
// Each page module exports render(main, arg) and may return a stop function (for its polling timer).
import * as services from './services.js';
import * as charts from './charts.js';
import * as tryit from './try.js';
import * as jobs from './jobs.js';
import * as models from './models.js';
import { el } from './api.js';

const PAGES = { services, charts, try: tryit, jobs, models };
let stop = null;

async function route() {
  const [, name = 'services', arg] = (location.hash || '#/services').split('/');
  const page = PAGES[name] || services;
  if (stop) { stop(); stop = null; }
  document.querySelectorAll('nav a').forEach(a => a.classList.toggle('active', a.dataset.page === name));
  const main = document.getElementById('page');
  main.replaceChildren();
  try {
    stop = (await page.render(main, arg ? decodeURIComponent(arg) : undefined)) || null;
  } catch (e) {
    main.replaceChildren(el('p', { class: 'error' }, e.message));
  }
}

window.addEventListener('hashchange', route);
route();
