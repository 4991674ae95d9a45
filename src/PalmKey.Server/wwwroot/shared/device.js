// The kiosk as a PalmKey device (docs/protocol.md): an ECDSA P-256 key pair made in the browser, the
// private half non-extractable and kept in IndexedDB, activated once with the admin's one-time code.
// Every request is signed; bodies are sealed to the tenant's ingestion key (ECDH P-256, HKDF-SHA256,
// AES-256-GCM), the same bytes DeviceProtocol.Seal makes.
import { ProblemError, readResponse, toBase64, fromBase64 } from './api.js';

const DB = 'palmkey-kiosk';
const STORE = 'device';
const SEALED = 'application/vnd.palmkey.sealed';
const encoder = new TextEncoder();

function openDb() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function storeOp(mode, op) {
  const db = await openDb();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = op(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** The stored identity: { keys, deviceId, tenantId, siteId }, or undefined before activation. */
export const loadIdentity = () => storeOp('readonly', (s) => s.get('self'));

export const forgetIdentity = () => storeOp('readwrite', (s) => s.delete('self'));

/** Makes a key pair, activates it with the code and keeps it; returns the identity. */
export async function activate(code) {
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const publicKey = await crypto.subtle.exportKey('spki', keys.publicKey);
  let response;
  try {
    response = await fetch('/v1/devices/activate', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: code.trim(), publicKey: toBase64(publicKey) }),
    });
  } catch {
    throw new ProblemError(0, { title: 'No connection', detail: 'The server could not be reached.' });
  }
  const { body } = await readResponse(response);
  const identity = { keys, deviceId: body.deviceId, tenantId: body.tenantId, siteId: body.siteId };
  await storeOp('readwrite', (s) => s.put(identity, 'self'));
  return identity;
}

const hex = (buffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');

function nonce() {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return toBase64(bytes).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '');
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Seals plaintext to the ingestion key: PKS1, key id length and id, ephemeral point, nonce, ciphertext and tag. */
export async function seal(plaintext, ingestion, deviceId) {
  const keyId = encoder.encode(ingestion.keyId);
  const recipient = await crypto.subtle.importKey('spki', fromBase64(ingestion.publicKey), { name: 'ECDH', namedCurve: 'P-256' }, false, []);
  const ephemeral = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const point = new Uint8Array(await crypto.subtle.exportKey('raw', ephemeral.publicKey));
  const secret = await crypto.subtle.deriveBits({ name: 'ECDH', public: recipient }, ephemeral.privateKey, 256);
  const hkdf = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveBits']);
  const info = encoder.encode(`palmkey sealed body v1\0${ingestion.tenantId}\0${ingestion.keyId}\0${deviceId}`);
  const keyBits = await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: point, info }, hkdf, 256);
  const aes = await crypto.subtle.importKey('raw', keyBits, 'AES-GCM', false, ['encrypt']);
  const header = concat(encoder.encode('PKS1'), new Uint8Array([keyId.length]), keyId, point);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: header, tagLength: 128 }, aes, plaintext));
  return concat(header, iv, sealed);
}

/** A device that signs its requests and seals their bodies. */
export class Device {
  constructor(identity) {
    this.identity = identity;
    this.ingestion = null;
  }

  get id() { return this.identity.deviceId; }

  async #send(method, path, bytes, contentType) {
    const body = bytes ?? new Uint8Array(0);
    const timestamp = Math.floor(Date.now() / 1000);
    const once = nonce();
    const contentHash = hex(await crypto.subtle.digest('SHA-256', body));
    const canonical = ['PALMKEY-DEVICE-V1', method, path, contentHash, String(timestamp), once, this.id].join('\n');
    const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, this.identity.keys.privateKey, encoder.encode(canonical));
    const headers = {
      'PalmKey-Device': this.id,
      'PalmKey-Timestamp': String(timestamp),
      'PalmKey-Nonce': once,
      'PalmKey-Content-SHA256': contentHash,
      'PalmKey-Signature': toBase64(signature),
    };
    if (contentType) headers['Content-Type'] = contentType;
    let response;
    try {
      response = await fetch(path, { method, headers, body: bytes ? body : undefined });
    } catch {
      throw new ProblemError(0, { title: 'No connection', detail: 'The server could not be reached. Check the network and try again.' });
    }
    try {
      return await readResponse(response);
    } catch (error) {
      // A deactivated or unknown device can never sign again: forget the key so the kiosk asks for a new code.
      const type = error.problem?.type ?? '';
      if (error.status === 401 && (type.endsWith('/device-deactivated') || type.endsWith('/device-unknown'))) {
        await forgetIdentity();
        window.dispatchEvent(new CustomEvent('palmkey-device-revoked', { detail: error.message }));
      }
      throw error;
    }
  }

  get(path) { return this.#send('GET', path, null, null); }

  /** POSTs JSON sealed to the tenant's ingestion key. */
  async post(path, value) {
    if (!this.ingestion) this.ingestion = (await this.get('/v1/devices/ingestion-key')).body;
    const sealed = await seal(encoder.encode(JSON.stringify(value)), this.ingestion, this.id);
    return this.#send('POST', path, sealed, SEALED);
  }
}
