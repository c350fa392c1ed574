import {
  type LanguageModelV4,
  type LanguageModelV4CallOptions,
  type LanguageModelV4Content,
  type LanguageModelV4FinishReason,
  type LanguageModelV4StreamPart,
  type LanguageModelV4Usage,
} from "@ai-sdk/provider";
import { ARTIFACT_KIND_LABELS, type ArtifactKind } from "@/server/planning/artifact";
import { readIntent, type Intent } from "./intent";
import { SCRIPTS, type ToolResults } from "./scripts";

export const BUILTIN_MODEL_ID = "builtin-planner-1";

/** What the chat route tells the built-in planner through `providerOptions.builtin`. */
export interface BuiltinOptions {
  workflow?: { kind: ArtifactKind; teamKey: string } | null;
  teams?: { key: string; name: string; channel?: string | null }[];
  /** Action kinds the policy does not let this person have proposed, with the policy's reason. */
  unavailable?: { kind: string; reason: string }[];
}

export const FREE_FORM_REPLY =
  "Free-form chat needs a configured language model, and this organisation uses the built-in planner. " +
  "The built-in planner runs four workflows over your synced data: **plan next sprint**, **plan a release**, **weekly status report** and **risk register** — " +
  "pick one below or ask for it by name and team (for example “Plan next sprint for Payments”). An admin can choose a model in Connections → Language model.";

const NO_USAGE: LanguageModelV4Usage = {
  inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: undefined, text: undefined, reasoning: undefined },
};

type Step = { kind: "text"; text: string } | { kind: "tools"; calls: { toolName: string; input: unknown }[] };

/**
 * The embedded default when no model is configured: a deterministic planner behind the AI SDK's
 * language-model interface. It reads the request, calls the same tools a model would for the four
 * workflows, writes the artifact from their results (templated prose around real numbers, with
 * citations), and answers free-form requests by saying plainly that they need a configured model.
 * It never invents a number: everything it writes comes from a tool result in the prompt.
 */
export function createBuiltinPlanner(): LanguageModelV4 {
  let callCount = 0;
  const decide = (options: LanguageModelV4CallOptions): Step => {
    const builtin = (options.providerOptions?.builtin ?? {}) as BuiltinOptions;
    const teams = builtin.teams ?? [];
    const { text, results, errors } = readTurn(options);
    const intent: Intent = builtin.workflow
      ? { kind: builtin.workflow.kind, teamKey: builtin.workflow.teamKey, release: readIntent(text, teams).release }
      : readIntent(text, teams);

    if (!intent.kind) return { kind: "text", text: FREE_FORM_REPLY };
    const teamKey = intent.teamKey ?? (teams.length === 1 ? teams[0]!.key : null);
    if (!teamKey) {
      return {
        kind: "text",
        text: teams.length
          ? `Which team should the ${ARTIFACT_KIND_LABELS[intent.kind].toLowerCase()} cover? Teams: ${teams.map((t) => `**${t.name}** (${t.key})`).join(", ")}.`
          : "There are no teams yet. Connect Jira in Connections and let it sync: each Jira project becomes a team you can plan for.",
      };
    }
    if (errors.length) {
      return {
        kind: "text",
        text: `I could not finish the ${ARTIFACT_KIND_LABELS[intent.kind].toLowerCase()}: ${errors.map((e) => `${e.toolName} failed (${e.message})`).join("; ")}. Nothing was saved. Try again in a moment; if it keeps failing, check the team's connections.`,
      };
    }
    const script = SCRIPTS[intent.kind];
    const team = teams.find((t) => t.key === teamKey);
    const request = { ...intent, kind: intent.kind, teamKey, teamName: team?.name ?? teamKey, teamChannel: team?.channel ?? null };
    if (Object.keys(results).length === 0) return { kind: "tools", calls: script.gather(request) };
    if (!("saveArtifact" in results)) {
      const written = script.write(request, results);
      return "reply" in written ? { kind: "text", text: written.reply } : { kind: "tools", calls: [{ toolName: "saveArtifact", input: written.artifact }] };
    }
    // Changes the workflow suggests go out as one proposal; a person applies or rejects them.
    // Only the kinds the request offers (the policy's choice for this person) are proposed; the
    // rest are named with the policy's reason.
    const offered = offeredKinds(options);
    const proposal = script.propose?.(request, results) ?? null;
    const kept = proposal?.actions.filter((a) => offered.has(a.kind)) ?? [];
    if (proposal && kept.length && !("proposeChanges" in results)) {
      return { kind: "tools", calls: [{ toolName: "proposeChanges", input: { ...proposal, actions: kept } }] };
    }
    const left = proposal ? proposal.actions.length - kept.length : 0;
    const reasons = [...new Set((proposal?.actions ?? []).filter((a) => !offered.has(a.kind)).map((a) => builtin.unavailable?.find((u) => u.kind === a.kind)?.reason ?? "this request offers no such change."))];
    const refusal = left ? `I did not propose ${left === 1 ? "one change" : `${left} changes`} the ${ARTIFACT_KIND_LABELS[intent.kind].toLowerCase()} suggests: ${reasons.join(" ")}` : "";
    return { kind: "text", text: [script.summarize(request, results), refusal].filter(Boolean).join("\n\n") };
  };

  const content = (step: Step): LanguageModelV4Content[] =>
    step.kind === "text"
      ? [{ type: "text", text: step.text }]
      : step.calls.map((c) => ({ type: "tool-call", toolCallId: `call_${++callCount}_${c.toolName}`, toolName: c.toolName, input: JSON.stringify(c.input) }));
  const finish = (step: Step): LanguageModelV4FinishReason => ({ unified: step.kind === "tools" ? "tool-calls" : "stop", raw: undefined });

  return {
    specificationVersion: "v4",
    provider: "builtin",
    modelId: BUILTIN_MODEL_ID,
    supportedUrls: {},

    async doGenerate(options) {
      const step = decide(options);
      return { content: content(step), finishReason: finish(step), usage: NO_USAGE, warnings: [] };
    },

    async doStream(options) {
      const step = decide(options);
      const parts: LanguageModelV4StreamPart[] = [{ type: "stream-start", warnings: [] }, { type: "response-metadata", modelId: BUILTIN_MODEL_ID }];
      if (step.kind === "text") {
        parts.push({ type: "text-start", id: "t0" });
        // Stream in small pieces, as a model would, so the UI shows progress the same way.
        for (const piece of step.text.match(/\S+\s*|\s+/g) ?? []) parts.push({ type: "text-delta", id: "t0", delta: piece });
        parts.push({ type: "text-end", id: "t0" });
      } else {
        for (const c of content(step)) parts.push(c as LanguageModelV4StreamPart);
      }
      parts.push({ type: "finish", usage: NO_USAGE, finishReason: finish(step) });
      const signal = options.abortSignal;
      return {
        stream: new ReadableStream<LanguageModelV4StreamPart>({
          pull(controller) {
            if (signal?.aborted) return controller.close();
            const next = parts.shift();
            if (next) controller.enqueue(next);
            else controller.close();
          },
        }),
      };
    },
  };
}

/** The action kinds the proposeChanges tool accepts in this request (none when it is not offered). */
function offeredKinds(options: LanguageModelV4CallOptions): Set<string> {
  const tool = options.tools?.find((t) => t.type === "function" && t.name === "proposeChanges");
  if (!tool || tool.type !== "function") return new Set();
  const schema = tool.inputSchema as { properties?: { actions?: { items?: { properties?: { kind?: { enum?: unknown[] } } } } } };
  const kinds = schema.properties?.actions?.items?.properties?.kind?.enum ?? [];
  return new Set(kinds.filter((k): k is string => typeof k === "string"));
}

/** The latest user text, and the tool results (and failures) since it, by tool name. */
function readTurn(options: LanguageModelV4CallOptions): { text: string; results: ToolResults; errors: { toolName: string; message: string }[] } {
  const prompt = options.prompt;
  let last = -1;
  for (let i = prompt.length - 1; i >= 0; i--) {
    if (prompt[i]!.role === "user") {
      last = i;
      break;
    }
  }
  const user = last >= 0 ? prompt[last]! : null;
  const text = user && user.role === "user" ? user.content.map((p) => (p.type === "text" ? p.text : "")).join("\n") : "";
  const results: ToolResults = {};
  const errors: { toolName: string; message: string }[] = [];
  for (const message of prompt.slice(last + 1)) {
    if (message.role !== "tool" && message.role !== "assistant") continue;
    for (const part of message.content) {
      if (part.type !== "tool-result") continue;
      const out = part.output;
      if (out.type === "json") results[part.toolName] = out.value;
      else if (out.type === "text") results[part.toolName] = out.value;
      else if (out.type === "error-text") errors.push({ toolName: part.toolName, message: out.value });
      else if (out.type === "error-json") errors.push({ toolName: part.toolName, message: JSON.stringify(out.value) });
      else if (out.type === "execution-denied") errors.push({ toolName: part.toolName, message: out.reason ?? "not allowed" });
    }
  }
  return { text, results, errors };
}
