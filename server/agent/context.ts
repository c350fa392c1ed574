import { type ArtifactForecast } from "@/server/planning/artifact";
import { type SourceRef, type TeamSnapshot } from "@/server/planning/engine/types";
import { type TenantDb } from "@/server/db/tenant";
import { type ActionKind } from "@/server/actions/catalogue/types";

/**
 * Everything sources a request touched, so an artifact can cite exactly what the tools returned
 * and nothing the model made up. One ledger per request.
 */
export class SourceLedger {
  private readonly byKey = new Map<string, SourceRef>();
  forecast: ArtifactForecast | null = null;

  add(sources: Iterable<SourceRef>): void {
    for (const s of sources) {
      const key = `${s.kind}:${s.id}`;
      if (!this.byKey.has(key)) this.byKey.set(key, s);
    }
  }

  all(): SourceRef[] {
    return [...this.byKey.values()];
  }

  /** The sources a Markdown text cites: by link URL, or by label where the label is an issue key or PR reference. */
  citedIn(markdown: string): SourceRef[] {
    const urls = new Set([...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!));
    return this.all().filter((s) => (s.url && urls.has(s.url)) || (/^[A-Z][A-Z0-9]+-\d+$|#\d+$/.test(s.label) && new RegExp(`(^|[^\\w-])${escape(s.label)}(?![\\w-])`).test(markdown)));
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** What every agent tool runs with: the caller's organisation-scoped database and identity. */
export interface AgentContext {
  db: TenantDb;
  organizationId: string;
  userId: string | null;
  conversationId: string | null;
  /** The moment plans are computed for (the engine never reads the clock itself). */
  now: Date;
  ledger: SourceLedger;
  /** Set when the artifact is produced by a schedule rather than in a conversation. */
  scheduleRunId?: string;
  /**
   * The action kinds the policy lets this person have proposed right now; proposeChanges offers
   * only these, and is not offered at all when there are none.
   */
  offeredKinds: ActionKind[];
  /** The kinds the policy withholds from this person, with its reason, for the model to explain. */
  withheld?: { kind: ActionKind; reason: string }[];
  /** The model answering (ModelInfo.id), recorded on what it proposes. */
  modelId?: string;
  /** The artifact saved in this request, which a proposal made after it belongs to. */
  artifactId?: string;
  /** Team snapshots loaded in this request, so several engine tools read the data once. */
  snapshots?: Map<string, Promise<TeamSnapshot>>;
}
