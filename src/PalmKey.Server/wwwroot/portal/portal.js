// The customer portal: sign in with a one-time code, see and manage what is held, export, delete, cancel.
import { $, el, say, busy, call, when, money, table, brandName, ProblemError } from '/shared/api.js';

const session = {
  get token() { return sessionStorage.getItem('palmkey-portal-token'); },
  set token(value) { if (value) sessionStorage.setItem('palmkey-portal-token', value); else sessionStorage.removeItem('palmkey-portal-token'); },
};
// Commands carry an idempotency key, except adding a card: card bodies are kept out of the idempotency store.
const me = (method, path, body) => call(method, `/v1/me${path}`, { token: session.token, body, idempotent: method !== 'GET' && path !== '/cards' });

const params = new URLSearchParams(location.search);
if (params.get('tenant')) $('#tenant').value = params.get('tenant');

$('#otp-form').addEventListener('submit', (event) => {
  event.preventDefault();
  busy(event.submitter ?? $('#send-code'), $('#otp-error'), async () => {
    const tenant = $('#tenant').value.trim();
    const phone = $('#phone').value.trim();
    if (!tenant || !phone) throw new ProblemError(422, { title: 'Enter the business code and your mobile number' });
    await call('POST', '/v1/me/otp', { body: { tenant, phone } });
    $('#session-form').classList.remove('hidden');
    $('#code').focus();
  });
});

$('#session-form').addEventListener('submit', (event) => {
  event.preventDefault();
  busy(event.submitter ?? $('#verify-code'), $('#session-error'), async () => {
    const { body } = await call('POST', '/v1/me/session', { body: { tenant: $('#tenant').value.trim(), phone: $('#phone').value.trim(), code: $('#code').value.trim() } });
    session.token = body.token;
    await load();
  });
});

$('#sign-out').addEventListener('click', () => {
  session.token = null;
  location.reload();
});

function signedOut() {
  $('#sign-in').classList.remove('hidden');
  $('#account').classList.add('hidden');
  $('#sign-out').classList.add('hidden');
}

async function load() {
  let profile;
  try {
    profile = (await me('GET', '')).body;
  } catch (error) {
    if (error instanceof ProblemError && error.status === 401) {
      session.token = null;
      signedOut();
      return;
    }
    throw error;
  }
  $('#sign-in').classList.add('hidden');
  $('#account').classList.remove('hidden');
  $('#sign-out').classList.remove('hidden');
  render(profile);
}

function render(p) {
  const palms = p.palms.length ? p.palms.map((x) => `${x.hand} palm (${x.captures} captures, ${when(x.enrolledAt)})`).join('; ') : 'none (deleted)';
  $('#summary').replaceChildren(el('dl', {},
    el('dt', {}, 'Customer number'), el('dd', {}, p.customerId),
    el('dt', {}, 'Mobile number'), el('dd', {}, p.phone),
    el('dt', {}, 'Enrolled'), el('dd', {}, when(p.enrolledAt)),
    el('dt', {}, 'Consent'), el('dd', {}, `disclosure ${p.consent.disclosureVersion}, accepted ${when(p.consent.acceptedAt)}`),
    el('dt', {}, 'Palm data'), el('dd', { id: 'palm-data' }, palms),
    el('dt', {}, 'Enrollment credit left'), el('dd', {}, String(p.promotionCreditMinor)),
    p.cancellationRequestedAt ? [el('dt', {}, 'Cancellation'), el('dd', {}, `requested ${when(p.cancellationRequestedAt)}`)] : null));
  $('#usage').replaceChildren(p.usage.length
    ? table('Usage history', ['When', 'Where', 'What for', 'Result'], p.usage.map((u) => [when(u.at), u.siteName ?? u.siteId, u.purpose, u.result]))
    : el('p', {}, 'Your palm has not been used yet.'));
  $('#receipts').replaceChildren(p.receipts.length
    ? table('Receipts', ['When', 'Order', 'Amount', 'Credit', 'Charged', 'Card', 'Status'], p.receipts.map((r) => [
      when(r.at), r.orderReference, money(r.amountMinor, r.currency), money(r.creditMinor, r.currency), money(r.chargedMinor, r.currency),
      r.cardBrand ? `${brandName(r.cardBrand)} •••• ${r.cardLast4}` : '—', r.status]))
    : el('p', {}, 'No payments yet.'));
  $('#cards').replaceChildren(p.cards.length
    ? el('ul', {}, p.cards.map((c) => el('li', {}, `${brandName(c.brand)} ending ${c.last4}, expires ${c.expiryMonth}/${c.expiryYear} `,
      el('button', { type: 'button', class: 'secondary small', 'aria-label': `Remove ${brandName(c.brand)} ending ${c.last4}`, onclick: (e) => act(e.currentTarget, () => me('DELETE', `/cards/${c.cardId}`), 'Card removed.') }, 'Remove'))))
    : el('p', {}, 'No card linked.'));
  $('#accounts').replaceChildren(p.linkedAccounts.length
    ? el('ul', {}, p.linkedAccounts.map((a) => el('li', {}, `${a.kind}: ${a.reference} (linked ${when(a.linkedAt)}) `,
      el('button', { type: 'button', class: 'secondary small', 'aria-label': `Unlink ${a.kind} ${a.reference}`, onclick: (e) => act(e.currentTarget, () => me('DELETE', `/accounts/${a.accountId}`), 'Account unlinked.') }, 'Unlink'))))
    : el('p', {}, 'No linked accounts.'));
}

async function act(button, action, done) {
  say($('#account-status'), '');
  const result = await busy(button, $('#account-error'), async () => {
    const answer = await action();
    await load();
    say($('#account-status'), done);
    return answer ?? true;
  });
  return result;
}

$('#card-form').addEventListener('submit', (event) => {
  event.preventDefault();
  busy(event.submitter, $('#card-error'), async () => {
    await me('POST', '/cards', {
      number: $('#card-number').value.replace(/\s+/g, ''),
      expiryMonth: Number($('#card-month').value) || null,
      expiryYear: Number($('#card-year').value) || null,
      cvc: $('#card-cvc').value.trim(),
    });
    $('#card-form').reset();
    await load();
    say($('#account-status'), 'Card added.');
  });
});

$('#account-form').addEventListener('submit', (event) => {
  event.preventDefault();
  busy(event.submitter, $('#link-error'), async () => {
    await me('POST', '/accounts', { kind: $('#account-kind').value, reference: $('#account-reference').value.trim() });
    $('#account-form').reset();
    await load();
    say($('#account-status'), 'Account linked.');
  });
});

$('#export').addEventListener('click', (event) => busy(event.currentTarget, $('#account-error'), async () => {
  const { body } = await me('GET', '/export');
  const url = URL.createObjectURL(new Blob([JSON.stringify(body, null, 2)], { type: 'application/json' }));
  const link = el('a', { href: url, download: 'palmkey-my-data.json' });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  say($('#account-status'), 'Your data was downloaded as palmkey-my-data.json.');
}));

$('#delete-palms').addEventListener('click', (event) => {
  if (!confirm('Delete your palm data now? You will no longer be recognized.')) return;
  act(event.currentTarget, () => me('DELETE', '/palms'), 'Your palm data was deleted.');
});

$('#cancel').addEventListener('click', (event) => {
  if (!confirm('Cancel your account and delete everything we hold about you?')) return;
  busy(event.currentTarget, $('#account-error'), async () => {
    const { status, body } = await me('POST', '/cancel');
    if (status === 202) {
      $('#outstanding').replaceChildren(
        el('p', { class: 'status', role: 'status' }, 'Your cancellation is recorded. These transactions are still open; your account is deleted once they settle:'),
        el('ul', { id: 'outstanding-list' }, body.outstanding.map((t) => el('li', {}, `${t.reference}: ${t.description}`))));
      await load();
      return;
    }
    session.token = null;
    signedOut();
    $('#sign-in-title').textContent = 'Your account was cancelled';
    say($('#otp-error'), '');
    $('#sign-in').prepend(el('p', { class: 'status', role: 'status', id: 'cancelled' }, 'Your account and all its data were deleted.'));
  });
});

if (session.token) load().catch(() => signedOut());
