import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * Credentials at rest: AES-256-GCM under TOKEN_ENCRYPTION_KEY (32 bytes, base64). Each ciphertext
 * names the key that sealed it, so keys rotate: set the new key, move the old one to
 * TOKEN_ENCRYPTION_PREVIOUS_KEYS (comma-separated), and `reencrypt` rows at leisure.
 *
 * Format: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts).
 */

export class CredentialsKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CredentialsKeyError";
  }
}

interface Key {
  id: string;
  bytes: Buffer;
}

function parseKey(raw: string, variable: string): Key {
  const bytes = Buffer.from(raw.trim(), "base64");
  if (bytes.length !== 32) {
    throw new CredentialsKeyError(`${variable} must be 32 bytes encoded as base64 (generate one with \`openssl rand -base64 32\`).`);
  }
  return { id: createHash("sha256").update(bytes).digest("hex").slice(0, 8), bytes };
}

function keys(): { current: Key; all: Map<string, Key> } {
  const raw = process.env.TOKEN_ENCRYPTION_KEY;
  if (!raw) throw new CredentialsKeyError("TOKEN_ENCRYPTION_KEY is not set, so connection credentials cannot be stored or read. `npm start` creates one locally; in production set it (see .env.example).");
  const current = parseKey(raw, "TOKEN_ENCRYPTION_KEY");
  const all = new Map([[current.id, current]]);
  for (const old of (process.env.TOKEN_ENCRYPTION_PREVIOUS_KEYS ?? "").split(",").filter((s) => s.trim())) {
    const k = parseKey(old, "TOKEN_ENCRYPTION_PREVIOUS_KEYS");
    all.set(k.id, k);
  }
  return { current, all };
}

/** Seals a JSON-serialisable value under the current key. */
export function encryptJson(value: unknown): string {
  const { current } = keys();
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", current.bytes, iv);
  const ct = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  return ["v1", current.id, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ct.toString("base64url")].join(".");
}

/** Opens a value sealed by `encryptJson` under the current or a previous key; tampering fails. */
export function decryptJson<T>(sealed: string): T {
  const [version, keyId, iv, tag, ct] = sealed.split(".");
  if (version !== "v1" || !keyId || !iv || !tag || ct === undefined) throw new CredentialsKeyError("Stored credentials are not in a format this version can read.");
  const key = keys().all.get(keyId);
  if (!key) throw new CredentialsKeyError(`Stored credentials were sealed with key ${keyId}, which is neither TOKEN_ENCRYPTION_KEY nor in TOKEN_ENCRYPTION_PREVIOUS_KEYS.`);
  const decipher = createDecipheriv("aes-256-gcm", key.bytes, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  try {
    const plain = Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]);
    return JSON.parse(plain.toString("utf8")) as T;
  } catch {
    throw new CredentialsKeyError("Stored credentials failed their integrity check: they were altered or sealed with a different key.");
  }
}

/** Whether `sealed` uses an older key and should be re-sealed. */
export function needsReencryption(sealed: string): boolean {
  return sealed.split(".")[1] !== keys().current.id;
}

export function reencrypt(sealed: string): string {
  return encryptJson(decryptJson(sealed));
}

/** A fresh key for .env or a secrets manager. */
export function generateKey(): string {
  return randomBytes(32).toString("base64");
}
