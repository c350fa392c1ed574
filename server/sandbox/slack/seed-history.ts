import { type SeedContext } from "../core/seed";
import { type SlackMessage } from "./state";

export const DAY = 86_400_000;

/** Builds the workspace's history in time order; ts values are unique across the workspace. */
export class History {
  private readonly used = new Set<string>();
  readonly messages: SlackMessage[] = [];

  constructor(private readonly ctx: SeedContext) {}

  /** A ts on the day `daysAgo` days before now at a seeded working time (never after now). */
  ts(daysAgo: number, hour?: number): string {
    const { rng, now } = this.ctx;
    const day = new Date(now.getTime() - daysAgo * DAY);
    day.setUTCHours(hour ?? rng.number.int({ min: 7, max: 17 }), rng.number.int({ min: 0, max: 59 }), rng.number.int({ min: 0, max: 59 }), 0);
    let sec = Math.floor(Math.min(day.getTime(), now.getTime() - 60_000) / 1000);
    for (;;) {
      const ts = `${sec}.${String(rng.number.int({ min: 100, max: 999_900 })).padStart(6, "0")}`;
      if (!this.used.has(ts)) {
        this.used.add(ts);
        return ts;
      }
      sec -= 1;
    }
  }

  /** A ts `seconds` after `after` (for thread replies), kept before now. */
  later(after: string, seconds: number): string {
    const base = Number(after.split(".")[0]) + seconds;
    const cap = Math.floor(this.ctx.now.getTime() / 1000) - 30;
    let sec = Math.min(base, cap);
    for (;;) {
      const ts = `${sec}.${String(this.ctx.rng.number.int({ min: 100, max: 999_900 })).padStart(6, "0")}`;
      if (!this.used.has(ts) && ts > after) {
        this.used.add(ts);
        return ts;
      }
      sec += 1;
    }
  }

  post(channel: string, user: string | null, text: string, ts: string, extra: Partial<SlackMessage> = {}): SlackMessage {
    const message: SlackMessage = { channel, ts, user, botId: null, username: null, subtype: null, text, blocks: null, threadTs: null, reactions: [], edited: null, ...extra };
    this.messages.push(message);
    return message;
  }

  /** A parent with replies at increasing times; returns [parent, ...replies]. */
  thread(channel: string, parent: { user: string; text: string; ts: string }, replies: { user: string; text: string }[]): SlackMessage[] {
    const p = this.post(channel, parent.user, parent.text, parent.ts);
    let last = parent.ts;
    const out = [p];
    for (const r of replies) {
      last = this.later(last, this.ctx.rng.number.int({ min: 120, max: 5400 }));
      out.push(this.post(channel, r.user, r.text, last, { threadTs: parent.ts }));
    }
    if (replies.length) p.threadTs = parent.ts;
    return out;
  }

  react(message: SlackMessage, name: string, users: string[]): void {
    const existing = message.reactions.find((r) => r.name === name);
    if (existing) existing.users.push(...users.filter((u) => !existing.users.includes(u)));
    else message.reactions.push({ name, users: [...new Set(users)] });
  }
}

/** Days before now (oldest first) that fall on Monday to Friday. */
export function workdaysBack(now: Date, days: number): number[] {
  const out: number[] = [];
  for (let d = days; d >= 0; d--) {
    const day = new Date(now.getTime() - d * DAY).getUTCDay();
    if (day !== 0 && day !== 6) out.push(d);
  }
  return out;
}
