// The enrollment kiosk: consent, mobile number, code, card, palm captures, done. Runs as a device.
import { $, el, say, busy, when, toBase64, brandName, ProblemError } from '/shared/api.js';
import { Device, activate, loadIdentity } from '/shared/device.js';

const steps = ['consent', 'phone', 'code', 'card', 'palms', 'done'];
const state = { device: null, disclosure: null, enrollmentId: null, card: null, captures: [] };

function show(step) {
  for (const section of document.querySelectorAll('main > section')) section.classList.toggle('hidden', section.id !== step);
  const index = steps.indexOf(step);
  $('#progress').classList.toggle('hidden', index < 0);
  for (const item of document.querySelectorAll('#progress li')) {
    const at = steps.indexOf(item.dataset.step);
    item.classList.toggle('done', at < index);
    if (at === index) item.setAttribute('aria-current', 'step'); else item.removeAttribute('aria-current');
  }
  if (index >= 0) say($('#step-status'), `Step ${index + 1} of ${steps.length}: ${$(`#${step} h2`).textContent}`);
  const first = $(`#${step} input:not([type=hidden]), #${step} button`);
  first?.focus();
}

async function start() {
  if (!window.isSecureContext || !crypto.subtle || !window.indexedDB) {
    show('setup');
    for (const control of document.querySelectorAll('#setup-form input, #setup-form button')) control.disabled = true;
    say($('#activation-error'), 'This kiosk needs a secure page to keep its key: open it over HTTPS (or on this computer, at 127.0.0.1 or localhost).');
    return;
  }
  const identity = await loadIdentity();
  if (!identity) {
    show('setup');
    return;
  }
  state.device = new Device(identity);
  say($('#kiosk-id'), `Kiosk ${identity.deviceId}`);
  await beginConsent();
}

async function beginConsent() {
  Object.assign(state, { enrollmentId: null, card: null, captures: [] });
  renderCaptures();
  for (const form of document.querySelectorAll('form')) form.reset();
  show('consent');
  await busy(null, $('#consent-error'), async () => {
    const { body } = await state.device.get('/v1/enrollments/disclosure');
    state.disclosure = body;
    $('#disclosure').textContent = body.text;
    say($('#disclosure-meta'), `Disclosure version ${body.version}. Purposes: ${body.purposes.join(', ')}. Your palm data is deleted after ${body.dormancyDays} days without use, and after ${body.maxRetentionDays} days at most.`);
  });
}

$('#setup-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const button = event.submitter;
  busy(button, $('#activation-error'), async () => {
    const code = $('#activation-code').value;
    if (!code.trim()) throw new ProblemError(422, { title: 'Enter the activation code', detail: 'It starts with pkc_ and comes from the admin console.' });
    const identity = await activate(code);
    state.device = new Device(identity);
    say($('#kiosk-id'), `Kiosk ${identity.deviceId}`);
    await beginConsent();
  });
});

$('#consent-form').addEventListener('submit', (event) => {
  event.preventDefault();
  if (!$('#consent-accept').checked) {
    say($('#consent-error'), 'Tick "I have read this and I agree" to continue, or walk away: nothing has been stored.');
    $('#consent-error').focus();
    return;
  }
  say($('#consent-error'), '');
  show('phone');
});

$('#phone-form').addEventListener('submit', (event) => {
  event.preventDefault();
  busy(event.submitter, $('#phone-error'), async () => {
    const phone = $('#phone-number').value.trim();
    if (!phone) throw new ProblemError(422, { title: 'Enter your mobile number' });
    const { body } = await state.device.post('/v1/enrollments', { consent: { disclosureVersion: state.disclosure.version, accepted: true }, phone });
    state.enrollmentId = body.enrollmentId;
    show('code');
  });
});

$('#code-form').addEventListener('submit', (event) => {
  event.preventDefault();
  busy(event.submitter, $('#code-error'), async () => {
    const code = $('#otp-code').value.trim();
    if (!/^\d{6}$/.test(code)) throw new ProblemError(422, { title: 'Enter the six digits of the code' });
    await state.device.post(`/v1/enrollments/${state.enrollmentId}/verification`, { code });
    show('card');
  });
});

$('#card-form').addEventListener('submit', (event) => {
  event.preventDefault();
  busy(event.submitter, $('#card-error'), async () => {
    const { body } = await state.device.post(`/v1/enrollments/${state.enrollmentId}/card`, {
      number: $('#card-number').value.replace(/\s+/g, ''),
      expiryMonth: Number($('#card-month').value) || null,
      expiryYear: Number($('#card-year').value) || null,
      cvc: $('#card-cvc').value.trim(),
    });
    state.card = body;
    $('#card-form').reset();
    show('palms');
  });
});

$('#card-skip').addEventListener('click', () => show('palms'));

function renderCaptures() {
  const list = $('#captures');
  list.replaceChildren(...state.captures.map((capture, i) => el('li', { class: capture.verdict === 'bad' ? 'bad' : capture.verdict === 'good' ? 'good' : '' },
    el('img', { src: capture.url, alt: `Picture ${i + 1}` }),
    el('span', { class: 'verdict' }, capture.message),
    el('button', { type: 'button', class: 'secondary small', 'aria-label': `Remove picture ${i + 1}`, onclick: () => removeCapture(i) }, 'Remove'))));
  const n = state.captures.length;
  say($('#capture-count'), n === 0 ? 'No pictures yet.' : `${n} picture${n === 1 ? '' : 's'}; ${n < 3 ? `take ${3 - n} more` : 'ready to enroll'}.`);
}

function removeCapture(i) {
  URL.revokeObjectURL(state.captures[i].url);
  state.captures.splice(i, 1);
  renderCaptures();
}

async function addCapture(blob) {
  if (state.captures.length >= 10) {
    say($('#palms-error'), 'At most 10 pictures: remove one first.');
    return;
  }
  const bytes = new Uint8Array(await blob.arrayBuffer());
  state.captures.push({ bytes, url: URL.createObjectURL(blob), verdict: null, message: 'Not checked yet' });
  renderCaptures();
}

$('#palm-files').addEventListener('change', async (event) => {
  say($('#palms-error'), '');
  for (const file of event.target.files) await addCapture(file);
  event.target.value = '';
});

if (navigator.mediaDevices?.getUserMedia) {
  $('#camera-area').classList.remove('hidden');
  $('#camera-start').addEventListener('click', () => busy($('#camera-start'), $('#palms-error'), async () => {
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
    } catch (error) {
      throw new ProblemError(0, { title: 'The camera is not available', detail: `${error.message}. Add pictures from files instead.` });
    }
    const video = $('#camera');
    video.srcObject = stream;
    await video.play();
    video.classList.remove('hidden');
    $('#camera-shot').classList.remove('hidden');
  }));
  $('#camera-shot').addEventListener('click', () => {
    const video = $('#camera');
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext('2d').drawImage(video, 0, 0);
    canvas.toBlob((blob) => blob && addCapture(blob), 'image/png');
  });
}

function stopCamera() {
  const stream = $('#camera').srcObject;
  stream?.getTracks().forEach((track) => track.stop());
}

$('#palms-submit').addEventListener('click', (event) => busy(event.currentTarget, $('#palms-error'), async () => {
  if (state.captures.length < 3) throw new ProblemError(422, { title: 'More pictures needed', detail: `Take at least 3 pictures of the palm; you have ${state.captures.length}.` });
  const hand = document.querySelector('input[name=hand]:checked').value;
  try {
    const { body } = await state.device.post(`/v1/enrollments/${state.enrollmentId}/palms`, {
      palms: [{ hand, frames: state.captures.map((c) => toBase64(c.bytes)) }],
    });
    for (const capture of state.captures) Object.assign(capture, { verdict: 'good', message: 'Usable' });
    stopCamera();
    finish(body);
  } catch (error) {
    // The server names the first picture it refused, with the localizer's advice.
    const frame = error instanceof ProblemError ? error.problem.frame : undefined;
    if (Number.isInteger(frame) && state.captures[frame]) {
      for (const [i, capture] of state.captures.entries()) {
        if (i < frame) Object.assign(capture, { verdict: 'good', message: 'Usable' });
      }
      Object.assign(state.captures[frame], { verdict: 'bad', message: `Not usable: ${error.problem.detail ?? error.problem.title}` });
      renderCaptures();
      throw new ProblemError(error.status, { title: `Picture ${frame + 1} cannot be used`, detail: `${error.problem.detail ?? ''} Remove it and take another.` });
    }
    throw error;
  }
}));

function finish(enrolled) {
  const palms = enrolled.palms.map((p) => `the ${p.hand} palm (a template from each of ${p.captures} pictures)`).join(' and ');
  $('#done-summary').replaceChildren(
    el('p', {}, 'Your palm is ready. Hover it over a PalmKey scanner to pay or check in.'),
    el('h3', {}, 'What we stored'),
    el('ul', {},
      el('li', {}, `Templates of ${palms}: numbers computed from your palm lines, not the pictures, which were discarded.`),
      el('li', {}, 'Your mobile number, encrypted, to let you sign in.'),
      el('li', {}, `Your consent to disclosure version ${state.disclosure.version}, with the time (${when(new Date().toISOString())}).`),
      state.card ? el('li', {}, `Your card as a payment token: ${brandName(state.card.brand)} ending ${state.card.last4}, expiring ${state.card.expiryMonth}/${state.card.expiryYear}. Never the number.`) : el('li', {}, 'No card: add one in the portal when you like.')),
    el('h3', {}, 'How to see or delete it'),
    el('p', {}, 'Sign in at ', el('a', { href: `/portal/?tenant=${encodeURIComponent(state.device.identity.tenantId)}` }, 'the PalmKey portal'),
      ` with your mobile number (business code ${state.device.identity.tenantId}). There you can download your data, delete your palm data at once, or cancel your account. Your customer number is ${enrolled.customerId}.`));
  show('done');
}

$('#restart').addEventListener('click', () => beginConsent());

window.addEventListener('palmkey-device-revoked', (event) => {
  state.device = null;
  say($('#kiosk-id'), '');
  show('setup');
  say($('#activation-error'), `${event.detail} Enter a new activation code from the admin.`);
});

start().catch((error) => say($('#activation-error'), error.message));
