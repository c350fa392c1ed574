import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, log: createLogger("info", stream) };
}

describe("logger", () => {
  it("writes JSON lines with the request's correlation fields", () => {
    const { lines, log } = capture();
    log.child({ requestId: "req-1", userId: "u1", organizationId: "o1" }).info({ path: "audit.list" }, "trpc ok");
    expect(lines[0]).toMatchObject({ level: "info", msg: "trpc ok", requestId: "req-1", userId: "u1", organizationId: "o1", path: "audit.list", service: "pm-agent" });
    expect(typeof lines[0]!.time).toBe("string");
  });

  it("redacts secrets at the top level and nested", () => {
    const { lines, log } = capture();
    log.info({ token: "t0p", connection: { accessToken: "abc", refresh_token: "def", name: "jira" }, headers: { authorization: "Bearer x", cookie: "s=1" } }, "x");
    const text = JSON.stringify(lines[0]);
    for (const secret of ["t0p", "abc", "def", "Bearer x", "s=1"]) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ connection: { name: "jira", accessToken: "[redacted]" } });
  });
});
