// The tenant console: activity charts, sites and devices, settings, audit log and transparency report.
import { $, el, say, busy, call, when, table, ProblemError } from '/shared/api.js';

const key = {
  get value() { return sessionStorage.getItem('palmkey-admin-key'); },
  set value(v) { if (v) sessionStorage.setItem('palmkey-admin-key', v); else sessionStorage.removeItem('palmkey-admin-key'); },
};
const admin = (method, path, body, idempotent = false) => call(method, `/v1/admin${path}`, { token: key.value, body, idempotent });
let sites = [];
let auditNext = null;

$('#sign-in-form').addEventListener('submit', (event) => {
  event.preventDefault();
  busy(event.submitter, $('#sign-in-error'), async () => {
    const value = $('#admin-key').value.trim();
    if (!value) throw new ProblemError(422, { title: 'Enter the admin key' });
    key.value = value;
    try {
      await loadAll();
    } catch (error) {
      key.value = null;
      throw error.status === 401 ? new ProblemError(401, { title: 'Key not accepted', detail: 'Check the admin key and try again.' }) : error;
    }
  });
});

$('#sign-out').addEventListener('click', () => {
  key.value = null;
  location.reload();
});

async function loadAll() {
  const settings = (await admin('GET', '/settings')).body;
  $('#sign-in').classList.add('hidden');
  $('#app').classList.remove('hidden');
  $('#sign-out').classList.remove('hidden');
  say($('#tenant-name'), settings.name);
  renderSettings(settings);
  await Promise.all([loadStats(), loadSites(), loadAudit(true), loadTransparency()]);
}

/** The server renders each chart as SVG; the page only inserts it, with its totals and legend as text. */
function chart(svgText, summaryId, days, series) {
  const parsed = new DOMParser().parseFromString(svgText, 'image/svg+xml').documentElement;
  const node = document.importNode(parsed, true);
  node.setAttribute('aria-describedby', summaryId);
  const summary = series.map((s) => `${s.values.reduce((a, b) => a + b, 0)} ${s.name}`).join(', ');
  return [
    node,
    el('p', { class: 'hint', id: summaryId }, `Total over ${days.length} days: ${summary}.`),
    series.length > 1 ? el('p', { class: 'legend' }, series.map((s) => el('span', {}, el('span', { class: 'swatch', style: `background:${s.color}` }), s.name))) : null,
  ].filter(Boolean);
}

async function loadStats() {
  const { body } = await admin('GET', '/stats?days=14');
  const days = body.days.map((d) => d.date);
  const sum = (d, field) => d.identifications.reduce((n, p) => n + p[field], 0);
  $('#enrollments-chart').replaceChildren(...chart(body.enrollmentsChart, 'enrollments-summary', days, [{ name: 'enrollments', color: '#0b5394', values: body.days.map((d) => d.enrollments) }]));
  $('#identifications-chart').replaceChildren(...chart(body.identificationsChart, 'identifications-summary', days, [
    { name: 'recognized', color: '#1b5e20', values: body.days.map((d) => sum(d, 'recognized')) },
    { name: 'not recognized', color: '#7a4b00', values: body.days.map((d) => sum(d, 'notRecognized')) },
    { name: 'refused frames', color: '#b00020', values: body.days.map((d) => sum(d, 'rejected')) },
  ]));
  const byPurpose = new Map();
  for (const day of body.days) {
    for (const p of day.identifications) {
      const row = byPurpose.get(p.purpose) ?? { recognized: 0, notRecognized: 0, rejected: 0 };
      row.recognized += p.recognized;
      row.notRecognized += p.notRecognized;
      row.rejected += p.rejected;
      byPurpose.set(p.purpose, row);
    }
  }
  $('#purposes').replaceChildren(byPurpose.size
    ? table('Identifications by purpose', ['Purpose', 'Recognized', 'Not recognized', 'Refused frames'], [...byPurpose].map(([p, r]) => [p, String(r.recognized), String(r.notRecognized), String(r.rejected)]))
    : el('p', {}, 'No identifications in these 14 days.'));
  const l = body.latency;
  say($('#latency'), l.count
    ? `Over the last ${l.count} identifications on this server since it started: median ${l.medianMs} ms, 95th percentile ${l.p95Ms} ms, slowest ${l.maxMs} ms (from the request's check to the decision; refused frames not counted).`
    : 'No identification measured on this server since it started.');
}

async function loadSites() {
  const [siteAnswer, deviceAnswer] = await Promise.all([admin('GET', '/sites'), admin('GET', '/devices')]);
  sites = siteAnswer.body;
  const siteName = (id) => sites.find((s) => s.siteId === id)?.name ?? id;
  $('#site-list').replaceChildren(table('Sites', ['Site', 'Id', 'Created'], sites.map((s) => [s.name, s.siteId, when(s.createdAt)])));
  $('#device-site').replaceChildren(...sites.map((s) => el('option', { value: s.siteId }, s.name)));
  $('#device-list').replaceChildren(table('Devices', ['Device', 'Site', 'Status', 'Last seen', 'Actions'], deviceAnswer.body.map((d) => {
    const status = d.deactivatedAt ? `Deactivated ${when(d.deactivatedAt)}` : d.activatedAt ? `Active since ${when(d.activatedAt)}` : 'Waiting for activation';
    const actions = d.deactivatedAt ? '—' : el('span', {},
      el('button', { type: 'button', class: 'secondary small', 'aria-label': `Activate ${d.name} (new activation code)`, onclick: (e) => newCode(e.currentTarget, d) }, 'Activate'), ' ',
      el('button', { type: 'button', class: 'danger small', 'aria-label': `Deactivate ${d.name}`, onclick: (e) => deactivate(e.currentTarget, d) }, 'Deactivate'));
    return [el('span', {}, d.name, el('br'), el('small', {}, d.deviceId)), siteName(d.siteId), status, when(d.lastSeenAt), actions];
  })));
}

function showCode(device, answer) {
  $('#activation').replaceChildren(el('div', { class: 'panel', role: 'status' },
    el('p', {}, `Activation code for ${device.name}, shown once, valid until ${when(answer.activationCodeExpiresAt)}. Enter it on the device:`),
    el('p', { class: 'secret', id: 'activation-code' }, answer.activationCode)));
}

function newCode(button, device) {
  busy(button, $('#app-error'), async () => {
    const { body } = await admin('POST', `/devices/${device.deviceId}/activation-code`);
    showCode(device, body);
    await loadSites();
  });
}

function deactivate(button, device) {
  if (!confirm(`Deactivate ${device.name}? It will be refused from its next request and cannot be activated again.`)) return;
  busy(button, $('#app-error'), async () => {
    await admin('POST', `/devices/${device.deviceId}/deactivate`, undefined, true);
    await loadSites();
    say($('#app-status'), `${device.name} was deactivated.`);
  });
}

$('#site-form').addEventListener('submit', (event) => {
  event.preventDefault();
  busy(event.submitter, $('#site-error'), async () => {
    await admin('POST', '/sites', { name: $('#site-name').value.trim() }, true);
    $('#site-form').reset();
    await loadSites();
    say($('#app-status'), 'Site added.');
  });
});

$('#device-form').addEventListener('submit', (event) => {
  event.preventDefault();
  busy(event.submitter, $('#device-error'), async () => {
    const { body } = await admin('POST', '/devices', { name: $('#device-name').value.trim(), siteId: $('#device-site').value });
    $('#device-form').reset();
    await loadSites();
    showCode(body.device, body);
  });
});

function renderSettings(s) {
  for (const box of document.querySelectorAll('#settings-form input[type=checkbox]')) box.checked = s.acceptedPurposes.includes(box.value);
  $('#dormancy').value = s.dormancyDays;
  $('#max-retention').value = s.maxRetentionDays;
  $('#fpir').value = s.targetFpir;
  $('#currency').value = s.currency;
  $('#credit').value = s.enrollmentCreditMinor;
  say($('#disclosure-version'), `Current disclosure version: ${s.disclosureVersion}. Changing purposes or retention publishes a new version that new customers accept.`);
}

$('#settings-form').addEventListener('submit', (event) => {
  event.preventDefault();
  busy(event.submitter, $('#settings-error'), async () => {
    const { body } = await admin('PUT', '/settings', {
      acceptedPurposes: [...document.querySelectorAll('#settings-form input[type=checkbox]:checked')].map((b) => b.value),
      dormancyDays: Number($('#dormancy').value),
      maxRetentionDays: Number($('#max-retention').value),
      targetFpir: Number($('#fpir').value),
      currency: $('#currency').value.trim().toUpperCase(),
      enrollmentCreditMinor: Number($('#credit').value),
    });
    renderSettings(body);
    say($('#app-status'), 'Settings saved.');
    await loadAudit(true);
  });
});

async function loadAudit(reset) {
  const { body } = await admin('GET', `/audit?limit=100${!reset && auditNext ? `&after=${auditNext}` : ''}`);
  const rows = body.entries.map((e) => [String(e.sequence), when(e.at), e.actor, e.action, e.subject ?? '', e.detail ?? '']);
  if (reset) $('#audit-list').replaceChildren(table('Audit log', ['#', 'When', 'Who', 'Action', 'Subject', 'Detail'], rows));
  else $('#audit-list tbody').append(...rows.map((r) => el('tr', {}, r.map((c) => el('td', {}, c)))));
  auditNext = body.next;
  $('#audit-more').classList.toggle('hidden', !auditNext);
}

$('#audit-more').addEventListener('click', (event) => busy(event.currentTarget, $('#app-error'), () => loadAudit(false)));

async function loadTransparency() {
  const { body: r } = await admin('GET', '/transparency');
  $('#transparency-report').replaceChildren(
    el('p', {}, `Generated ${when(r.generatedAt)}: ${r.enrolledCustomers} customers enrolled with ${r.enrolledPalms} palms. Retention purges: ${r.purges.runs} runs removed ${r.purges.customersPurged} customers.`),
    r.identifications.length ? table('Identifications by purpose, all time', ['Purpose', 'Recognized', 'Not recognized', 'Refused frames'], r.identifications.map((p) => [p.purpose, String(p.recognized), String(p.notRecognized), String(p.rejected)])) : el('p', {}, 'No identifications yet.'),
    r.deletions.length ? table('Deletions by cause', ['Cause', 'Customers', 'Palm deletions'], r.deletions.map((d) => [d.cause, String(d.customers), String(d.palmDeletions)])) : el('p', {}, 'No deletions yet.'));
}

if (key.value) loadAll().catch(() => { key.value = null; });
