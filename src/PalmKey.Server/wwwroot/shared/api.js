// Small helpers shared by the pages: JSON calls, RFC 9457 problems as readable messages, and DOM bits.

/** An error carrying the server's problem details (type, title, detail and extensions). */
export class ProblemError extends Error {
  constructor(status, problem) {
    super(problemText(status, problem));
    this.status = status;
    this.problem = problem ?? {};
  }
}

/** A sentence for a person from a problem details object. */
export function problemText(status, problem) {
  if (!problem) return `The server answered ${status}.`;
  const title = problem.title ?? `Error ${status}`;
  return problem.detail ? `${title}: ${problem.detail}` : title;
}

/** Reads a response: JSON on success, a ProblemError otherwise. */
export async function readResponse(response) {
  const text = await response.text();
  let body = null;
  if (text) {
    try { body = JSON.parse(text); } catch { body = { title: text.slice(0, 200) }; }
  }
  if (!response.ok) throw new ProblemError(response.status, body);
  return { status: response.status, body };
}

/** A JSON call with an optional bearer token. */
export async function call(method, path, { token, body, idempotent } = {}) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (idempotent) headers['Idempotency-Key'] = crypto.randomUUID();
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ProblemError(0, { title: 'No connection', detail: 'The server could not be reached. Check the network and try again.' });
  }
  return readResponse(response);
}

export const $ = (selector, root = document) => root.querySelector(selector);

/** Shows a message in an alert region (empty clears it). */
export function say(element, message) {
  element.textContent = message ?? '';
}

/** Runs an async action from a form or button, disabling the button and reporting errors. */
export async function busy(button, errorElement, action) {
  if (errorElement) say(errorElement, '');
  if (button) button.disabled = true;
  try {
    return await action();
  } catch (error) {
    if (errorElement) {
      say(errorElement, error instanceof ProblemError ? error.message : `Something went wrong: ${error.message}`);
      errorElement.focus?.();
    }
    return undefined;
  } finally {
    if (button) button.disabled = false;
  }
}

/** Creates an element with properties and children. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'class') node.className = value;
    else if (key === 'style') node.style.cssText = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key in node && key !== 'list') node[key] = value;
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export const when = (iso) => (iso ? new Date(iso).toLocaleString() : '—');

export function money(minor, currency) {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(minor / 100);
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`;
  }
}

/** A table from headers and rows (arrays of cells: strings or nodes). */
export function table(caption, headers, rows) {
  return el('div', { class: 'table-wrap' },
    el('table', {},
      el('caption', { class: 'visually-hidden' }, caption),
      el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows.map((r) => el('tr', {}, r.map((c) => el('td', {}, c)))))));
}

/** Base64 of bytes (an ArrayBuffer or view). */
export function toBase64(bytes) {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes.buffer ?? bytes);
  let binary = '';
  for (let i = 0; i < view.length; i += 0x8000) binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const brands = { visa: 'Visa', mastercard: 'Mastercard', amex: 'American Express', 'american-express': 'American Express', discover: 'Discover' };

/** A card brand as people write it. */
export const brandName = (brand) => brands[String(brand).toLowerCase()] ?? brand;
