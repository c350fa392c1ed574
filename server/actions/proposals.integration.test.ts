import { beforeAll, describe, expect, it } from "vitest";
import { tenantDb } from "@/server/db/tenant";
import { createOrg, testDb } from "@/test/db";
import { createProposal, decideProposal, ProposalError } from "./proposals";

let org: Awaited<ReturnType<typeof createOrg>>;
const db = () => tenantDb(testDb(), org.org.id);

beforeAll(async () => {
  org = await createOrg(["PM", "ADMIN"]);
});

const sprintChanges = () =>
  createProposal(db(), {
    organizationId: org.org.id,
    createdById: org.member("PM").user.id,
    model: "builtin-planner-1",
    title: "Start PAY Sprint 26",
    rationale: "The plan commits these items; move them and announce the sprint.",
    sources: [{ kind: "work_item", id: "PAY-12", label: "PAY-12", url: "https://x/browse/PAY-12" }],
    actions: [
      { kind: "jira.transition", input: { issueKey: "PAY-12", toStatus: "In Progress" } },
      { kind: "jira.transition", input: { issueKey: "PAY-14", toStatus: "In Progress" } },
      { kind: "slack.postMessage", input: { channelId: "C0PAYMENTS", text: "Sprint 26 starts today: **3 items**." } },
      { kind: "slack.postMessage", input: { channelId: "C0PAYMENTS", text: "Draft retro notes" }, draft: true },
    ],
  });

describe("proposals", () => {
  it("stores a proposal with one idempotency key per action, drafts apart, nothing executed", async () => {
    const p = await sprintChanges();
    expect(p.status).toBe("PENDING");
    expect(p.actions.map((a) => [a.kind, a.tool, a.status])).toEqual([
      ["jira.transition", "JIRA", "PROPOSED"],
      ["jira.transition", "JIRA", "PROPOSED"],
      ["slack.postMessage", "SLACK", "PROPOSED"],
      ["slack.postMessage", "SLACK", "DRAFT"],
    ]);
    expect(new Set(p.actions.map((a) => a.idempotencyKey)).size).toBe(4);
  });

  it("refuses a proposal with an invalid action, saying which and why", async () => {
    const error = await createProposal(db(), {
      organizationId: org.org.id,
      title: "Bad",
      rationale: "x",
      sources: [],
      actions: [
        { kind: "jira.transition", input: { issueKey: "PAY-1", toStatus: "Done" } },
        { kind: "slack.postMessage", input: { channelId: "general", text: "hi" } },
      ],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProposalError);
    expect((error as ProposalError).issues).toEqual([{ action: "1", issues: [expect.objectContaining({ path: "channelId", message: expect.stringContaining("Pick a Slack channel") })] }]);
    expect(await db().proposal.count({ where: { title: "Bad" } })).toBe(0);
  });

  it("applies selected actions after an edit, rejects the deselected, and records the edit as a diff", async () => {
    const p = await sprintChanges();
    const [first, , message] = p.actions;
    const result = await decideProposal(db(), {
      organizationId: org.org.id,
      proposalId: p.id,
      userId: org.member("PM").user.id,
      kind: "EDIT_THEN_APPLY",
      selected: [first!.id, message!.id],
      edits: [{ actionId: message!.id, input: { channelId: "C0PAYMENTS", text: "Sprint 26 starts today: **3 items**, demo on Friday." } }],
    });
    expect(result.approved).toEqual([first!.id, message!.id]);
    const after = await db().proposedAction.findMany({ where: { proposalId: p.id }, orderBy: { position: "asc" } });
    expect(after.map((a) => a.status)).toEqual(["APPROVED", "REJECTED", "APPROVED", "DRAFT"]);
    expect(after[2]!.input).toMatchObject({ text: "Sprint 26 starts today: **3 items**, demo on Friday." });
    expect(after[2]!.originalInput).toMatchObject({ text: "Sprint 26 starts today: **3 items**." });
    const decision = await db().decision.findFirstOrThrow({ where: { proposalId: p.id } });
    expect(decision.kind).toBe("EDIT_THEN_APPLY");
    expect(decision.edits).toEqual([
      expect.objectContaining({ actionId: message!.id, kind: "slack.postMessage", diff: [{ type: "CHANGE", path: ["text"], oldValue: "Sprint 26 starts today: **3 items**.", value: "Sprint 26 starts today: **3 items**, demo on Friday." }] }),
    ]);
  });

  it("refuses an edit that makes an action invalid, writing nothing", async () => {
    const p = await sprintChanges();
    const message = p.actions[2]!;
    const error = await decideProposal(db(), {
      organizationId: org.org.id,
      proposalId: p.id,
      userId: org.member("PM").user.id,
      kind: "EDIT_THEN_APPLY",
      edits: [{ actionId: message.id, input: { channelId: "C0PAYMENTS", text: "x".repeat(40_001) } }],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProposalError);
    expect((error as ProposalError).code).toBe("BAD_REQUEST");
    expect((await db().proposal.findUniqueOrThrow({ where: { id: p.id } })).status).toBe("PENDING");
    expect(await db().decision.count({ where: { proposalId: p.id } })).toBe(0);
  });

  it("decides once: a double click or a second approver at the same moment gets a conflict", async () => {
    const p = await sprintChanges();
    const decide = (userId: string) => decideProposal(db(), { organizationId: org.org.id, proposalId: p.id, userId, kind: "APPLY_ALL" });
    const outcomes = await Promise.allSettled([decide(org.member("PM").user.id), decide(org.member("ADMIN").user.id), decide(org.member("PM").user.id)]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    for (const o of outcomes.filter((x) => x.status === "rejected")) expect((o as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
    expect(await db().decision.count({ where: { proposalId: p.id } })).toBe(1);
    const statuses = (await db().proposedAction.findMany({ where: { proposalId: p.id }, orderBy: { position: "asc" } })).map((a) => a.status);
    expect(statuses).toEqual(["APPROVED", "APPROVED", "APPROVED", "DRAFT"]);
  });

  it("needs a reason to reject, and rejects every open action", async () => {
    const p = await sprintChanges();
    await expect(decideProposal(db(), { organizationId: org.org.id, proposalId: p.id, userId: org.member("PM").user.id, kind: "REJECT" })).rejects.toThrow(/Say why you reject it/);
    await decideProposal(db(), { organizationId: org.org.id, proposalId: p.id, userId: org.member("PM").user.id, kind: "REJECT", reason: "Sprint starts next week, not today." });
    const statuses = (await db().proposedAction.findMany({ where: { proposalId: p.id }, orderBy: { position: "asc" } })).map((a) => a.status);
    expect(statuses).toEqual(["REJECTED", "REJECTED", "REJECTED", "DRAFT"]);
  });

  it("is confined to the caller's organisation", async () => {
    const p = await sprintChanges();
    const other = await createOrg(["PM"]);
    await expect(
      decideProposal(tenantDb(testDb(), other.org.id), { organizationId: other.org.id, proposalId: p.id, userId: other.member("PM").user.id, kind: "APPLY_ALL" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
