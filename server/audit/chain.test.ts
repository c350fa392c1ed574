import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalEvent, canonicalJson, hashEvent, normalizeMetadata, type ChainedEventFields } from "./chain";

const event: ChainedEventFields = {
  organizationId: "org_1",
  seq: 2,
  actorId: "user_1",
  action: "policy.published",
  targetType: "PolicyVersion",
  targetId: "pv_1",
  metadata: { number: 3, note: "tighter" },
  requestId: null,
  ip: null,
  createdAt: new Date("2026-11-25T10:00:00.123Z"),
  prevHash: "a".repeat(64),
};

describe("canonicalJson", () => {
  it("sorts keys at every depth and writes no whitespace", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: "x" } })).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it("orders keys by code point, as Postgres's C collation does", () => {
    // UTF-16 order would put the astral character before U+FF5E.
    expect(canonicalJson({ "\u{1F600}": 1, "\uFF5E": 2, B: 3, a: 4 })).toBe('{"B":3,"a":4,"～":2,"😀":1}');
  });

  it("writes numbers as plain decimals, never with an exponent", () => {
    expect(canonicalJson([1e21, 1.5e-7, -2.5e22, 1e-7, 0.1, -0, 42, 123.456])).toBe(
      "[1000000000000000000000,0.00000015,-25000000000000000000000,0.0000001,0.1,0,42,123.456]",
    );
  });

  it("escapes strings as JSON does", () => {
    expect(canonicalJson({ s: 'quote " backslash \\ newline \n tab \t bell \u0007' })).toBe('{"s":"quote \\" backslash \\\\ newline \\n tab \\t bell \\u0007"}');
  });

  it("refuses numbers JSON cannot hold", () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/NaN or Infinity/);
  });
});

describe("canonicalEvent and hashEvent", () => {
  it("covers every field in sorted order with the ISO timestamp", () => {
    expect(canonicalEvent(event)).toBe(
      '{"action":"policy.published","actorId":"user_1","createdAt":"2026-11-25T10:00:00.123Z","ip":null,' +
        '"metadata":{"note":"tighter","number":3},"organizationId":"org_1","prevHash":"' +
        "a".repeat(64) +
        '","requestId":null,"seq":2,"targetId":"pv_1","targetType":"PolicyVersion"}',
    );
  });

  it("is the SHA-256 hex of the canonical form", () => {
    expect(hashEvent(event)).toBe(createHash("sha256").update(canonicalEvent(event)).digest("hex"));
    expect(hashEvent(event)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("does not depend on the metadata's key order", () => {
    expect(hashEvent({ ...event, metadata: { note: "tighter", number: 3 } })).toBe(hashEvent(event));
  });

  it("changes when any covered field changes", () => {
    const base = hashEvent(event);
    const variants: Partial<ChainedEventFields>[] = [
      { seq: 3 },
      { actorId: null },
      { action: "policy.rolled_back" },
      { metadata: { number: 4, note: "tighter" } },
      { createdAt: new Date("2026-11-25T10:00:00.124Z") },
      { prevHash: null },
      { organizationId: "org_2" },
      { ip: "10.0.0.1" },
    ];
    for (const change of variants) expect(hashEvent({ ...event, ...change }), JSON.stringify(change)).not.toBe(base);
  });
});

describe("normalizeMetadata", () => {
  it("keeps what a jsonb column would keep", () => {
    expect(normalizeMetadata({ a: undefined, b: new Date("2026-01-01T00:00:00.000Z"), c: [1] })).toEqual({ b: "2026-01-01T00:00:00.000Z", c: [1] });
    expect(normalizeMetadata(undefined)).toEqual({});
  });
});
