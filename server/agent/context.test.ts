import { describe, expect, it } from "vitest";
import { SourceLedger } from "./context";

describe("SourceLedger", () => {
  const ledger = new SourceLedger();
  ledger.add([
    { kind: "work_item", id: "PAY-12", label: "PAY-12", url: "https://x/browse/PAY-12" },
    { kind: "work_item", id: "PAY-1", label: "PAY-1", url: "https://x/browse/PAY-1" },
    { kind: "pull_request", id: "payments#41", label: "payments#41", url: "https://gh/payments/pull/41" },
    { kind: "message", id: "1.2", label: "#team-payments 14 Nov", url: "https://slack/1.2" },
  ]);
  ledger.add([{ kind: "work_item", id: "PAY-12", label: "duplicate", url: null }]);

  it("keeps the first of duplicate sources", () => {
    expect(ledger.all()).toHaveLength(4);
    expect(ledger.all()[0]!.label).toBe("PAY-12");
  });

  it("finds citations by link and by bare key without matching prefixes", () => {
    const cited = ledger.citedIn("Blocked by [PAY-12](https://x/browse/PAY-12); see payments#41 and [thread](https://slack/1.2). PAY-123 is unrelated.");
    expect(cited.map((s) => s.id).sort()).toEqual(["1.2", "PAY-12", "payments#41"]);
  });
});
