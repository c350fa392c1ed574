import { type Risk } from "@/server/planning/engine";
import { cite, esc, prose, table, SEVERITY_LABEL } from "./format";

/** The register table every workflow uses for risks. */
export function risksTable(risks: Risk[], limit = 10): string {
  return table(
    ["Risk", "Likelihood", "Impact", "Severity", "Owner", "Mitigation", "Sources"],
    risks.slice(0, limit).map((r) => [
      `**${prose(r.title, 100)}** — ${prose(r.detail, 200)}`,
      `${r.likelihood}/5`,
      `${r.impact}/5`,
      SEVERITY_LABEL[r.severity] ?? r.severity,
      esc(r.owner.name, 40),
      prose(r.mitigation, 160),
      (r.sources ?? []).slice(0, 4).map(cite).join(", "),
    ]),
  );
}
