import { shortDay } from "./calendar";
import {
  type EngineDocument,
  type EngineItem,
  type EngineMember,
  type EngineMessage,
  type EnginePullRequest,
  type EngineRelease,
  type EngineSprint,
  type SourceRef,
} from "./types";

/** Source chips for the engine's inputs, labelled the way the app shows them. */

export function itemSource(item: EngineItem): SourceRef {
  return { kind: "work_item", id: item.key, label: item.key, url: item.url || null };
}

export function sprintSource(sprint: EngineSprint): SourceRef {
  return { kind: "sprint", id: sprint.id, label: sprint.name, url: sprint.url };
}

export function releaseSource(release: EngineRelease): SourceRef {
  return { kind: "release", id: release.id, label: release.name, url: release.url };
}

/** "payments-service#41" for a pull request of "acme/payments-service". */
export function pullRequestLabel(pr: EnginePullRequest): string {
  return `${pr.repo.split("/").at(-1)}#${pr.number}`;
}

export function pullRequestSource(pr: EnginePullRequest): SourceRef {
  return { kind: "pull_request", id: `${pr.repo}#${pr.number}`, label: pullRequestLabel(pr), url: pr.url };
}

export function messageSource(message: EngineMessage, timezone: string): SourceRef {
  const channel = message.channelName ? `#${message.channelName}` : "Slack";
  return { kind: "message", id: message.ts, label: `${channel} ${shortDay(message.postedAt, timezone)}`, url: message.url };
}

export function documentSource(doc: EngineDocument): SourceRef {
  return { kind: "document", id: doc.id, label: doc.title, url: doc.url };
}

export function personSource(member: EngineMember): SourceRef {
  return { kind: "person", id: member.id, label: member.name, url: null };
}

/** The refs without repeats (same kind and id), first occurrence kept, order preserved. */
export function uniqueSources(refs: Iterable<SourceRef>): SourceRef[] {
  const seen = new Set<string>();
  const out: SourceRef[] = [];
  for (const ref of refs) {
    const id = `${ref.kind}:${ref.id}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(ref);
  }
  return out;
}
