import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CredentialsKeyError, decryptJson, encryptJson, generateKey, needsReencryption, reencrypt } from "./crypto";

describe("credentials encryption", () => {
  const saved = { ...process.env };
  beforeEach(() => {
    process.env.TOKEN_ENCRYPTION_KEY = generateKey();
    delete process.env.TOKEN_ENCRYPTION_PREVIOUS_KEYS;
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it("round-trips and never contains the plaintext", () => {
    const sealed = encryptJson({ accessToken: "xoxb-very-secret", refreshToken: "r1" });
    expect(sealed).not.toContain("very-secret");
    expect(sealed.startsWith("v1.")).toBe(true);
    expect(decryptJson(sealed)).toEqual({ accessToken: "xoxb-very-secret", refreshToken: "r1" });
  });

  it("uses a fresh IV each time", () => {
    expect(encryptJson("same")).not.toBe(encryptJson("same"));
  });

  it("detects tampering", () => {
    const sealed = encryptJson({ a: 1 });
    const parts = sealed.split(".");
    const ct = Buffer.from(parts[4]!, "base64url");
    ct[0] = ct[0]! ^ 1;
    parts[4] = ct.toString("base64url");
    expect(() => decryptJson(parts.join("."))).toThrow(CredentialsKeyError);
  });

  it("rotates: old ciphertexts open under a previous key and re-seal under the new one", () => {
    const old = process.env.TOKEN_ENCRYPTION_KEY!;
    const sealed = encryptJson({ t: "x" });
    process.env.TOKEN_ENCRYPTION_KEY = generateKey();
    expect(() => decryptJson(sealed)).toThrow(/TOKEN_ENCRYPTION_PREVIOUS_KEYS/);
    process.env.TOKEN_ENCRYPTION_PREVIOUS_KEYS = old;
    expect(needsReencryption(sealed)).toBe(true);
    const resealed = reencrypt(sealed);
    expect(needsReencryption(resealed)).toBe(false);
    delete process.env.TOKEN_ENCRYPTION_PREVIOUS_KEYS;
    expect(decryptJson(resealed)).toEqual({ t: "x" });
  });

  it("explains a missing or malformed key", () => {
    delete process.env.TOKEN_ENCRYPTION_KEY;
    expect(() => encryptJson(1)).toThrow(/TOKEN_ENCRYPTION_KEY is not set/);
    process.env.TOKEN_ENCRYPTION_KEY = "short";
    expect(() => encryptJson(1)).toThrow(/32 bytes/);
  });
});
