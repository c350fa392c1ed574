import { describe, expect, it } from "vitest";
import { type ActionKind } from "@/server/actions/catalogue/types";
import { type Role } from "@/server/db/generated/enums";
import { DEFAULT_POLICY_YAML } from "./default-policy";
import { evaluate, inTimeWindow, offeredKinds, type PolicyDecision, type PolicyRequest, type Stage } from "./evaluate";
import { type Environment, type Policy } from "./language";
import { loadPolicy } from "./parse";

/* ------------------------------------------------------------------------------------------------
 * Policies under test, each focused on one part of the language
 * ---------------------------------------------------------------------------------------------- */

const BLUEPRINT = `policies:
  - user_role: pm
    allowed_tools: [jira, slack, notion]
    allowed_actions: [create, update, comment]
    requires_approval: [create, update]

  - user_role: engineer
    allowed_tools: [jira, github]
    allowed_actions: [comment, read]
    requires_approval: [comment]
`;

const CONFLICTS = `version: 1
rules:
  - name: Engineers comment
    roles: [engineer]
    tools: [jira, github]
    actions: [comment]
    approval: { required: false }
  - name: Engineers comment on GitHub with review
    roles: [engineer]
    tools: [github]
    actions: [comment]
    approval: { required: true, approver_roles: [admin, pm] }
  - name: No comments in LEGAL
    roles: ["*"]
    tools: [jira]
    actions: [comment]
    effect: deny
    scope: { jira_projects: [LEGAL] }
  - name: PMs change Jira
    roles: [pm]
    tools: [jira]
    actions: ["*"]
    approval: { approver_roles: [pm, admin], self_approval: true }
  - name: Leads sign off new issues
    roles: [pm]
    tools: [jira]
    actions: [create]
    approval: { approver_roles: [admin, leadership] }
  - name: Odd approvers
    roles: [pm]
    tools: [jira]
    actions: [transition]
    approval: { approver_roles: [leadership] }
  - name: Admins comment by themselves
    roles: [admin]
    actions: [comment, assign]
    approval: { required: false }
    auto_apply: true
  - name: Admins assign
    roles: [admin]
    tools: [jira]
    actions: [assign]
    approval: { required: false }
  - name: Admins reply in threads
    roles: [admin]
    tools: [slack]
    actions: [post]
    approval: { required: false }
    auto_apply: true
`;

const ROADMAP = "1f2e3d4c-5b6a-4798-8796-a5b4c3d2e1f0";

const SCOPES = `version: 1
rules:
  - name: PMs in PAY
    roles: [pm]
    tools: [jira]
    actions: [create, update]
    scope: { jira_projects: [pay] }
    approval: { required: false }
  - name: PMs in payments repos
    roles: [pm]
    tools: [github]
    actions: [create, comment]
    scope: { repositories: [acme/payments, ledger] }
    approval: { required: false }
  - name: PMs in release channels
    roles: [pm]
    tools: [slack]
    actions: [post]
    scope: { slack_channels: ["#releases", C0SUPPORT] }
    approval: { required: false }
  - name: PMs in the roadmap
    roles: [pm]
    tools: [notion]
    actions: [create, update]
    scope: { notion: ["https://www.notion.so/acme/Roadmap-1f2e3d4c5b6a47988796a5b4c3d2e1f0"] }
    approval: { required: false }
  - name: Never in general
    roles: ["*"]
    tools: [slack]
    actions: ["*"]
    effect: deny
    scope: { slack_channels: ["#general"] }
`;

const TIMES = `version: 1
timezone: Europe/London
rules:
  - name: Engineers comment in working hours
    roles: [engineer]
    tools: [jira]
    actions: [comment]
    time: { days: [mon-fri], hours: "09:00-18:00" }
    approval: { required: false }
  - name: Night shift in Tokyo
    roles: [engineer]
    tools: [github]
    actions: [comment]
    time: { days: [fri], hours: "22:00-06:00", timezone: Asia/Tokyo }
    approval: { required: false }
  - name: PMs try in the sandbox
    roles: [pm]
    tools: [jira]
    actions: [create]
    environments: [sandbox]
    approval: { required: false }
  - name: Quiet weekends
    roles: ["*"]
    tools: [notion]
    actions: ["*"]
    effect: deny
    time: { days: [sat, sun] }
  - name: PMs write in Notion
    roles: [pm]
    tools: [notion]
    actions: [create, update]
    approval: { required: false }
  - name: No Slack in production
    roles: [pm]
    tools: [slack]
    actions: ["*"]
    effect: deny
    environments: [production]
  - name: PMs post
    roles: [pm]
    tools: [slack]
    actions: [post]
    approval: { required: false }
`;

const CONDITIONS = `version: 1
rules:
  - name: PMs edit Jira
    roles: [pm]
    tools: [jira]
    actions: [update, create, transition]
    when:
      max_items: 3
      over_limit: require_approval
      due_date_change: require_approval
      cross_project: deny
    approval: { required: false, approver_roles: [admin] }
  - name: Engineers transition a few
    roles: [engineer]
    tools: [jira]
    actions: [transition]
    when: { max_items: 2, over_limit: deny }
    approval: { required: false }
  - name: Engineers update without due dates
    roles: [engineer]
    tools: [jira]
    actions: [update]
    when: { due_date_change: deny }
    approval: { required: false }
  - name: PMs post to small channels
    roles: [pm]
    tools: [slack]
    actions: [post, update]
    when: { channel_max_members: 50, over_limit: require_approval }
    approval: { required: false }
  - name: Engineers post to small channels
    roles: [engineer]
    tools: [slack]
    actions: [post]
    when: { channel_max_members: 50, over_limit: deny }
    approval: { required: false }
  - name: Engineers file issues
    roles: [engineer]
    tools: [jira]
    actions: [create]
    when: { cross_project: require_approval }
    approval: { required: false }
`;

const POLICIES = {
  blueprint: loadPolicy(BLUEPRINT),
  conflicts: loadPolicy(CONFLICTS),
  scopes: loadPolicy(SCOPES),
  times: loadPolicy(TIMES),
  conditions: loadPolicy(CONDITIONS),
  default: loadPolicy(DEFAULT_POLICY_YAML),
  fourEyes: loadPolicy(DEFAULT_POLICY_YAML.replaceAll("self_approval: true", "self_approval: false")),
} satisfies Record<string, Policy>;

/* ------------------------------------------------------------------------------------------------
 * Inputs
 * ---------------------------------------------------------------------------------------------- */

type Call = [ActionKind, unknown];
const issue = (issueKey: string) => ({ issueKey, body: "Looks good." });
const update = (issueKey: string, fields: Record<string, unknown> = { summary: "New title" }) => ({ issueKey, fields });
const create = (projectKey: string) => ({ projectKey, issueType: "Task", summary: "Do it" });
const post = (channelId: string, threadTs?: string) => ({ channelId, text: "Shipped.", ...(threadTs ? { threadTs } : {}) });
const many = (n: number, kind: ActionKind, input: (i: number) => unknown): Call[] => Array.from({ length: n }, (_, i) => [kind, input(i)]);

/** Friday 14 March 2025, 10:00 UTC (London is on GMT). */
const FRIDAY = "2025-03-14T10:00:00Z";

interface Row {
  name: string;
  policy: keyof typeof POLICIES;
  stage?: Stage;
  role: Role;
  kind: ActionKind;
  input?: unknown;
  proposal?: Call[];
  at?: string;
  env?: Environment;
  channelMembers?: number | null;
  channelName?: string;
  notionAncestorIds?: string[] | null;
  /** Stage "approve": the approver, or "self" for the proposer. */
  approver?: Role | "self";
  expect: Partial<Omit<PolicyDecision, "reason">> & { reason?: string };
}

const rows: Row[] = [
  // Conflicts: deny beats allow, strictest approval, intersections, auto-apply.
  { name: "a single allow without approval", policy: "conflicts", role: "ENGINEER", kind: "jira.comment", input: issue("PAY-1"), expect: { effect: "allow", requiresApproval: false, autoApply: false, rules: ["Engineers comment"], reason: "Allowed by “Engineers comment”; no approval needed." } },
  { name: "the strictest of two allows wins (approval required)", policy: "conflicts", role: "ENGINEER", kind: "github.commentOnPullRequest", input: { repo: "acme/api", number: 4, body: "ok" }, expect: { effect: "allow", requiresApproval: true, approverRoles: ["PM", "ADMIN"], selfApproval: false, rules: ["Engineers comment", "Engineers comment on GitHub with review"] } },
  { name: "a scoped deny beats an allow", policy: "conflicts", role: "ENGINEER", kind: "jira.comment", input: issue("LEGAL-3"), expect: { effect: "deny", rules: ["No comments in LEGAL"], reason: "Denied: engineers may not comment on Jira issues in LEGAL (rule “No comments in LEGAL”)." } },
  { name: "a deny for every role applies to PMs too", policy: "conflicts", role: "PM", kind: "jira.comment", input: issue("LEGAL-9"), expect: { effect: "deny", rules: ["No comments in LEGAL"] } },
  { name: "the deny does not reach other projects", policy: "conflicts", role: "PM", kind: "jira.comment", input: issue("PAY-9"), expect: { effect: "allow", rules: ["PMs change Jira"] } },
  { name: "approver roles are the intersection", policy: "conflicts", role: "PM", kind: "jira.createIssue", input: create("PAY"), expect: { effect: "allow", requiresApproval: true, approverRoles: ["ADMIN"], rules: ["PMs change Jira", "Leads sign off new issues"] } },
  { name: "self approval only when every deciding rule allows it", policy: "conflicts", role: "PM", kind: "jira.createIssue", input: create("PAY"), expect: { selfApproval: false } },
  { name: "an empty intersection falls back to the first rule's approvers", policy: "conflicts", role: "PM", kind: "jira.transition", input: { issueKey: "PAY-2", toStatus: "Done" }, expect: { effect: "allow", requiresApproval: true, approverRoles: ["PM", "ADMIN"], selfApproval: false } },
  { name: "one rule allowing self approval", policy: "conflicts", role: "PM", kind: "jira.updateFields", input: update("PAY-2"), expect: { effect: "allow", requiresApproval: true, selfApproval: true, approverRoles: ["PM", "ADMIN"], reason: "needs approval by a PM or an admin (the proposer may approve it)" } },
  { name: "auto-apply for a low-risk action", policy: "conflicts", role: "ADMIN", kind: "jira.comment", input: issue("PAY-1"), expect: { effect: "allow", requiresApproval: false, autoApply: true, reason: "Allowed by “Admins comment by themselves”; applies automatically." } },
  { name: "auto-apply only if every matching allow says so", policy: "conflicts", role: "ADMIN", kind: "jira.assign", input: { issueKey: "PAY-1", accountId: "u1" }, expect: { effect: "allow", requiresApproval: false, autoApply: false, rules: ["Admins comment by themselves", "Admins assign"] } },
  { name: "auto-apply on GitHub (rule without tools covers every tool)", policy: "conflicts", role: "ADMIN", kind: "github.commentOnPullRequest", input: { repo: "acme/api", number: 1, body: "ok" }, expect: { effect: "allow", autoApply: true } },
  { name: "auto-apply for a thread reply", policy: "conflicts", role: "ADMIN", kind: "slack.postMessage", input: post("C0RELEASE", "1712345678.000100"), expect: { effect: "allow", autoApply: true } },
  { name: "no auto-apply for a top-level post", policy: "conflicts", role: "ADMIN", kind: "slack.postMessage", input: post("C0RELEASE"), expect: { effect: "allow", autoApply: false, requiresApproval: false } },
  { name: "default deny names the role, action and project", policy: "conflicts", role: "ENGINEER", kind: "jira.createIssue", input: create("PAY"), expect: { effect: "deny", rules: [], requiresApproval: false, reason: "Denied: no rule lets engineers create Jira issues in PAY." } },
  { name: "default deny for a role no rule names", policy: "conflicts", role: "LEADERSHIP", kind: "jira.comment", input: issue("PAY-1"), expect: { effect: "deny", reason: "Denied: no rule lets people in leadership comment on Jira issues in PAY." } },
  { name: "a deny still applies to a role with no allows", policy: "conflicts", role: "LEADERSHIP", kind: "jira.comment", input: issue("LEGAL-1"), expect: { effect: "deny", rules: ["No comments in LEGAL"] } },

  // Scopes.
  { name: "inside a Jira project scope (written in lower case)", policy: "scopes", role: "PM", kind: "jira.createIssue", input: create("PAY"), expect: { effect: "allow", rules: ["PMs in PAY"] } },
  { name: "outside a Jira project scope", policy: "scopes", role: "PM", kind: "jira.updateFields", input: update("OPS-4"), expect: { effect: "deny", reason: "Denied: no rule lets PMs update Jira issues in OPS; rule “PMs in PAY” covers only PAY." } },
  { name: "a repository scope by owner/name", policy: "scopes", role: "PM", kind: "github.createIssue", input: { repo: "Acme/Payments", title: "Bug" }, expect: { effect: "allow" } },
  { name: "a repository scope by bare name matches any owner", policy: "scopes", role: "PM", kind: "github.commentOnPullRequest", input: { repo: "other-org/ledger", number: 3, body: "ok" }, expect: { effect: "allow" } },
  { name: "outside the repository scope", policy: "scopes", role: "PM", kind: "github.createIssue", input: { repo: "acme/web", title: "Bug" }, expect: { effect: "deny", reason: "covers only acme/payments and ledger" } },
  { name: "a channel listed by id", policy: "scopes", role: "PM", kind: "slack.postMessage", input: post("C0SUPPORT"), channelName: "support", expect: { effect: "allow" } },
  { name: "a deny scoped by channel name applies when the name is unknown", policy: "scopes", role: "PM", kind: "slack.postMessage", input: post("C0SUPPORT"), expect: { effect: "deny", rules: ["Never in general"], reason: "could not tell whether this is one of #general" } },
  { name: "a channel listed by name", policy: "scopes", role: "PM", kind: "slack.postMessage", input: post("C0REL"), channelName: "Releases", expect: { effect: "allow", rules: ["PMs in release channels"] } },
  { name: "a denied channel", policy: "scopes", role: "PM", kind: "slack.postMessage", input: post("C0GEN"), channelName: "general", expect: { effect: "deny", reason: "Denied: PMs may not post in #general (rule “Never in general”)." } },
  { name: "a channel outside the scope", policy: "scopes", role: "PM", kind: "slack.postMessage", input: post("C0RANDOM"), channelName: "random", expect: { effect: "deny", rules: [], reason: "rule “PMs in release channels” covers only #releases and C0SUPPORT" } },
  { name: "a Notion parent listed by URL", policy: "scopes", role: "PM", kind: "notion.createPage", input: { parentId: ROADMAP, parentType: "data_source", title: "Q3", markdown: "" }, expect: { effect: "allow" } },
  { name: "a Notion page inside a listed database", policy: "scopes", role: "PM", kind: "notion.updatePage", input: { pageId: "aaaaaaaa-0000-4000-8000-000000000001", title: "Q3" }, notionAncestorIds: [ROADMAP.toUpperCase()], expect: { effect: "allow" } },
  { name: "a Notion page whose parents are unknown", policy: "scopes", role: "PM", kind: "notion.updatePage", input: { pageId: "aaaaaaaa-0000-4000-8000-000000000001", title: "Q3" }, expect: { effect: "deny", reason: "could not tell whether this target is one of them" } },
  { name: "a Notion page outside the scope", policy: "scopes", role: "PM", kind: "notion.appendBlocks", input: { pageId: "aaaaaaaa-0000-4000-8000-000000000001", markdown: "x" }, notionAncestorIds: [], expect: { effect: "deny" } },
  { name: "offer ignores scopes on allows", policy: "scopes", stage: "offer", role: "PM", kind: "jira.createIssue", input: {}, expect: { effect: "allow" } },
  { name: "offer ignores a deny that depends on the channel", policy: "scopes", stage: "offer", role: "PM", kind: "slack.postMessage", input: {}, expect: { effect: "allow", rules: ["PMs in release channels"] } },
  { name: "offer still denies what no rule allows", policy: "scopes", stage: "offer", role: "ENGINEER", kind: "jira.comment", input: {}, expect: { effect: "deny", reason: "Denied: no rule lets engineers comment on Jira issues." } },

  // Time windows and environments.
  { name: "inside working hours in summer (BST)", policy: "times", role: "ENGINEER", kind: "jira.comment", input: issue("PAY-1"), at: "2025-07-04T08:30:00Z", expect: { effect: "allow" } },
  { name: "before working hours in summer", policy: "times", role: "ENGINEER", kind: "jira.comment", input: issue("PAY-1"), at: "2025-07-04T07:30:00Z", expect: { effect: "deny", reason: "Denied outside working hours: rule “Engineers comment in working hours” lets engineers comment on Jira issues in PAY only Mon–Fri 09:00–18:00 (Europe/London), and it is Friday 08:30 there." } },
  { name: "after working hours in summer", policy: "times", role: "ENGINEER", kind: "jira.comment", input: issue("PAY-1"), at: "2025-07-04T17:30:00Z", expect: { effect: "deny", reason: "Friday 18:30" } },
  { name: "the same UTC time is inside the window in winter (GMT)", policy: "times", role: "ENGINEER", kind: "jira.comment", input: issue("PAY-1"), at: "2025-01-10T17:30:00Z", expect: { effect: "allow" } },
  { name: "Saturday is outside mon-fri", policy: "times", role: "ENGINEER", kind: "jira.comment", input: issue("PAY-1"), at: "2025-07-05T10:00:00Z", expect: { effect: "deny", reason: "Saturday 11:00" } },
  { name: "a night window in another zone, before midnight", policy: "times", role: "ENGINEER", kind: "github.commentOnPullRequest", input: { repo: "a/b", number: 1, body: "x" }, at: "2025-07-04T14:00:00Z", expect: { effect: "allow" } },
  { name: "a night window continues past midnight into Saturday", policy: "times", role: "ENGINEER", kind: "github.commentOnPullRequest", input: { repo: "a/b", number: 1, body: "x" }, at: "2025-07-04T18:00:00Z", expect: { effect: "allow" } },
  { name: "Saturday's own night is outside a Friday window", policy: "times", role: "ENGINEER", kind: "github.commentOnPullRequest", input: { repo: "a/b", number: 1, body: "x" }, at: "2025-07-05T14:00:00Z", expect: { effect: "deny", reason: "Saturday 23:00" } },
  { name: "early Friday belongs to Thursday's night", policy: "times", role: "ENGINEER", kind: "github.commentOnPullRequest", input: { repo: "a/b", number: 1, body: "x" }, at: "2025-07-03T18:00:00Z", expect: { effect: "deny" } },
  { name: "an environment-limited rule in the sandbox", policy: "times", role: "PM", kind: "jira.createIssue", input: create("PAY"), env: "sandbox", expect: { effect: "allow" } },
  { name: "an environment-limited rule in production", policy: "times", role: "PM", kind: "jira.createIssue", input: create("PAY"), env: "production", expect: { effect: "deny", reason: "Denied: rule “PMs try in the sandbox” lets PMs create Jira issues in PAY only in sandbox, and this is production." } },
  { name: "a deny during a weekend window", policy: "times", role: "PM", kind: "notion.createPage", input: { parentId: ROADMAP, parentType: "page", title: "x", markdown: "" }, at: "2025-03-15T12:00:00Z", expect: { effect: "deny", rules: ["Quiet weekends"] } },
  { name: "the weekend deny does not apply on Friday", policy: "times", role: "PM", kind: "notion.createPage", input: { parentId: ROADMAP, parentType: "page", title: "x", markdown: "" }, expect: { effect: "allow", rules: ["PMs write in Notion"] } },
  { name: "a production deny", policy: "times", role: "PM", kind: "slack.postMessage", input: post("C0A"), env: "production", expect: { effect: "deny", rules: ["No Slack in production"] } },
  { name: "the production deny spares the sandbox", policy: "times", role: "PM", kind: "slack.postMessage", input: post("C0A"), env: "sandbox", expect: { effect: "allow" } },
  { name: "offer applies environment denies", policy: "times", stage: "offer", role: "PM", kind: "slack.postMessage", input: {}, env: "production", expect: { effect: "deny" } },
  { name: "offer applies time windows", policy: "times", stage: "offer", role: "ENGINEER", kind: "jira.comment", input: {}, at: "2025-07-05T10:00:00Z", expect: { effect: "deny", reason: "outside working hours" } },

  // Argument conditions.
  { name: "a batch within max_items", policy: "conditions", role: "PM", kind: "jira.updateFields", input: update("PAY-1"), proposal: many(3, "jira.updateFields", (i) => update(`PAY-${i + 1}`)), expect: { effect: "allow", requiresApproval: false } },
  { name: "a batch over max_items requires approval", policy: "conditions", role: "PM", kind: "jira.updateFields", input: update("PAY-1"), proposal: many(4, "jira.updateFields", (i) => update(`PAY-${i + 1}`)), expect: { effect: "allow", requiresApproval: true, approverRoles: ["ADMIN"], reason: "needs approval by an admin because this proposal holds 4 actions to update Jira issues in PAY, more than 3 (rule “PMs edit Jira”)" } },
  { name: "changing a due date requires approval", policy: "conditions", role: "PM", kind: "jira.updateFields", input: update("PAY-1", { dueDate: "2025-04-01" }), expect: { effect: "allow", requiresApproval: true, reason: "because it changes a due date" } },
  { name: "clearing a due date is a due date change", policy: "conditions", role: "PM", kind: "jira.updateFields", input: update("PAY-1", { dueDate: null }), expect: { requiresApproval: true } },
  { name: "a proposal across Jira projects is denied", policy: "conditions", role: "PM", kind: "jira.updateFields", input: update("PAY-1"), proposal: [["jira.updateFields", update("PAY-1")], ["jira.transition", { issueKey: "OPS-2", toStatus: "Done" }]], expect: { effect: "deny", rules: ["PMs edit Jira"], reason: "Denied: this proposal touches OPS and PAY, more than one Jira project (rule “PMs edit Jira”)." } },
  { name: "other tools in the proposal do not make it cross-project", policy: "conditions", role: "PM", kind: "jira.createIssue", input: create("PAY"), proposal: [["jira.createIssue", create("PAY")], ["slack.postMessage", post("C0A")], ["jira.updateFields", update("PAY-7")]], expect: { effect: "allow", requiresApproval: false } },
  { name: "over max_items with over_limit: deny", policy: "conditions", role: "ENGINEER", kind: "jira.transition", input: { issueKey: "PAY-1", toStatus: "Done" }, proposal: many(3, "jira.transition", (i) => ({ issueKey: `PAY-${i + 1}`, toStatus: "Done" })), expect: { effect: "deny", reason: "more than 2" } },
  { name: "max_items counts only the same kind", policy: "conditions", role: "ENGINEER", kind: "jira.transition", input: { issueKey: "PAY-1", toStatus: "Done" }, proposal: [...many(2, "jira.transition", (i) => ({ issueKey: `PAY-${i + 1}`, toStatus: "Done" })), ...many(5, "jira.updateFields", (i) => update(`PAY-${i + 1}`))], expect: { effect: "allow" } },
  { name: "due_date_change: deny", policy: "conditions", role: "ENGINEER", kind: "jira.updateFields", input: update("PAY-1", { dueDate: "2025-05-01" }), expect: { effect: "deny", reason: "Denied: it changes a due date (rule “Engineers update without due dates”)." } },
  { name: "other field changes pass the due date condition", policy: "conditions", role: "ENGINEER", kind: "jira.updateFields", input: update("PAY-1", { priority: "High" }), expect: { effect: "allow", requiresApproval: false } },
  { name: "a small channel", policy: "conditions", role: "PM", kind: "slack.postMessage", input: post("C0A"), channelMembers: 30, expect: { effect: "allow", requiresApproval: false } },
  { name: "a large channel requires approval", policy: "conditions", role: "PM", kind: "slack.postMessage", input: post("C0A"), channelMembers: 80, channelName: "eng", expect: { effect: "allow", requiresApproval: true, reason: "because #eng has 80 members, more than 50" } },
  { name: "an unknown channel size counts as over the limit", policy: "conditions", role: "PM", kind: "slack.postMessage", input: post("C0A"), channelMembers: null, expect: { requiresApproval: true, reason: "could not tell how many members C0A has" } },
  { name: "editing a message in a large channel", policy: "conditions", role: "PM", kind: "slack.updateMessage", input: { channelId: "C0A", ts: "1.2", text: "x" }, channelMembers: 51, expect: { requiresApproval: true } },
  { name: "a large channel with over_limit: deny", policy: "conditions", role: "ENGINEER", kind: "slack.postMessage", input: post("C0A"), channelMembers: 80, expect: { effect: "deny", rules: ["Engineers post to small channels"] } },
  { name: "cross_project: require_approval", policy: "conditions", role: "ENGINEER", kind: "jira.createIssue", input: create("PAY"), proposal: [["jira.createIssue", create("PAY")], ["jira.createIssue", create("OPS")]], expect: { effect: "allow", requiresApproval: true, approverRoles: ["PM", "ADMIN"] } },
  { name: "offer ignores argument conditions", policy: "conditions", stage: "offer", role: "PM", kind: "jira.updateFields", input: {}, expect: { effect: "allow", requiresApproval: false } },
  { name: "execute re-checks conditions", policy: "conditions", stage: "execute", role: "ENGINEER", kind: "slack.postMessage", input: post("C0A"), channelMembers: 500, expect: { effect: "deny" } },

  // Approvals.
  { name: "an approver with an accepted role", policy: "conflicts", stage: "approve", role: "PM", kind: "jira.createIssue", input: create("PAY"), approver: "ADMIN", expect: { effect: "allow", reason: "an admin may approve it" } },
  { name: "an approver outside the intersection", policy: "conflicts", stage: "approve", role: "PM", kind: "jira.createIssue", input: create("PAY"), approver: "PM", expect: { effect: "deny", requiresApproval: true, approverRoles: ["ADMIN"], reason: "Denied: PMs may not approve this; the policy needs an admin (rules “PMs change Jira” and “Leads sign off new issues”)." } },
  { name: "self approval refused", policy: "fourEyes", stage: "approve", role: "PM", kind: "jira.createIssue", input: create("PAY"), approver: "self", expect: { effect: "deny", reason: "Denied: Priya proposed this, and the policy needs someone else to approve it." } },
  { name: "default: the PM applies what the agent proposed for her", policy: "default", stage: "approve", role: "PM", kind: "jira.createIssue", input: create("PAY"), approver: "self", expect: { effect: "allow" } },
  { name: "another PM approves", policy: "default", stage: "approve", role: "PM", kind: "jira.createIssue", input: create("PAY"), approver: "PM", expect: { effect: "allow" } },
  { name: "an engineer cannot approve", policy: "default", stage: "approve", role: "PM", kind: "jira.createIssue", input: create("PAY"), approver: "ENGINEER", expect: { effect: "deny", reason: "engineers may not approve this; the policy needs a PM or an admin" } },
  { name: "leadership cannot approve by default", policy: "default", stage: "approve", role: "ENGINEER", kind: "jira.comment", input: issue("PAY-1"), approver: "LEADERSHIP", expect: { effect: "deny" } },
  { name: "self approval allowed by the rule", policy: "conflicts", stage: "approve", role: "PM", kind: "jira.updateFields", input: update("PAY-1"), approver: "self", expect: { effect: "allow", reason: "including their own proposal" } },
  { name: "the proposer applies an action that needs no approval", policy: "conflicts", stage: "approve", role: "ENGINEER", kind: "jira.comment", input: issue("PAY-1"), approver: "self", expect: { effect: "allow", requiresApproval: false } },
  { name: "another engineer may not apply it for them", policy: "conflicts", stage: "approve", role: "ENGINEER", kind: "jira.comment", input: issue("PAY-1"), approver: "ENGINEER", expect: { effect: "deny", reason: "engineers may not apply this for someone else" } },
  { name: "a proposer who is no longer allowed cannot be approved", policy: "conflicts", stage: "approve", role: "ENGINEER", kind: "jira.createIssue", input: create("PAY"), approver: "ADMIN", expect: { effect: "deny", reason: "Denied: no rule lets engineers create Jira issues in PAY." } },

  // The blueprint's short form.
  { name: "blueprint: PM creates with approval", policy: "blueprint", role: "PM", kind: "jira.createIssue", input: create("PAY"), expect: { effect: "allow", requiresApproval: true, approverRoles: ["PM", "ADMIN"], rules: ["Policy 1 for pm (with approval)"] } },
  { name: "blueprint: PM comments without approval", policy: "blueprint", role: "PM", kind: "jira.comment", input: issue("PAY-1"), expect: { effect: "allow", requiresApproval: false, rules: ["Policy 1 for pm (without approval)"] } },
  { name: "blueprint: PM updates a Notion page with approval", policy: "blueprint", role: "PM", kind: "notion.updatePage", input: { pageId: ROADMAP, title: "x" }, expect: { effect: "allow", requiresApproval: true } },
  { name: "blueprint: posting is not create", policy: "blueprint", role: "PM", kind: "slack.postMessage", input: post("C0A"), expect: { effect: "deny" } },
  { name: "blueprint: PM has no GitHub", policy: "blueprint", role: "PM", kind: "github.createIssue", input: { repo: "a/b", title: "x" }, expect: { effect: "deny" } },
  { name: "blueprint: engineer comment needs approval", policy: "blueprint", role: "ENGINEER", kind: "github.commentOnPullRequest", input: { repo: "a/b", number: 2, body: "x" }, expect: { effect: "allow", requiresApproval: true, rules: ["Policy 2 for engineer"] } },
  { name: "blueprint: engineer may not create", policy: "blueprint", role: "ENGINEER", kind: "jira.createIssue", input: create("PAY"), expect: { effect: "deny" } },
  { name: "blueprint: admins are not listed", policy: "blueprint", role: "ADMIN", kind: "jira.comment", input: issue("PAY-1"), expect: { effect: "deny", reason: "no rule lets admins" } },

  // The default policy.
  { name: "default: leadership is offered nothing", policy: "default", stage: "offer", role: "LEADERSHIP", kind: "jira.comment", input: {}, expect: { effect: "deny" } },
  { name: "default: engineers comment with approval", policy: "default", role: "ENGINEER", kind: "jira.comment", input: issue("PAY-1"), expect: { effect: "allow", requiresApproval: true, approverRoles: ["PM", "ADMIN"] } },
  { name: "default: PMs comment without approval", policy: "default", role: "PM", kind: "github.commentOnPullRequest", input: { repo: "a/b", number: 2, body: "x" }, expect: { effect: "allow", requiresApproval: false, autoApply: false } },
  { name: "default: more than 50 new issues at once is refused", policy: "default", role: "PM", kind: "jira.createIssue", input: create("PAY"), proposal: many(51, "jira.createIssue", () => create("PAY")), expect: { effect: "deny", reason: "holds 51 actions to create Jira issues in PAY, more than 50" } },
  { name: "default: a channel not looked up yet may be proposed", policy: "default", role: "PM", kind: "slack.postMessage", input: post("C0A"), expect: { effect: "allow", requiresApproval: true } },
  { name: "default: a channel not looked up is refused at execution", policy: "default", stage: "execute", role: "PM", kind: "slack.postMessage", input: post("C0A"), expect: { effect: "deny", reason: "could not tell how many members" } },
  { name: "default: a channel whose size could not be read is refused", policy: "default", stage: "approve", role: "PM", approver: "self", kind: "slack.postMessage", input: post("C0A"), channelMembers: null, expect: { effect: "deny" } },
  { name: "default: a channel of 40 members", policy: "default", role: "ADMIN", kind: "slack.postMessage", input: post("C0A"), channelMembers: 40, expect: { effect: "allow", requiresApproval: true } },
];

function requestOf(row: Row): PolicyRequest {
  const proposer = { userId: "u-priya", role: row.role, name: "Priya" };
  const stage = row.stage ?? "propose";
  return {
    stage,
    actor: proposer,
    ...(row.approver ? { approver: row.approver === "self" ? proposer : { userId: "u-other", role: row.approver } } : {}),
    action: { kind: row.kind, input: row.input ?? {} },
    ...(row.proposal ? { proposal: { actions: row.proposal.map(([kind, input]) => ({ kind, input })) } } : {}),
    context: {
      now: new Date(row.at ?? FRIDAY),
      environment: row.env ?? "production",
      ...(row.channelMembers !== undefined ? { channelMembers: row.channelMembers } : {}),
      ...(row.channelName !== undefined ? { channelName: row.channelName } : {}),
      ...(row.notionAncestorIds !== undefined ? { notionAncestorIds: row.notionAncestorIds } : {}),
    },
  };
}

describe("evaluate", () => {
  it("has a table of at least 50 cases", () => {
    expect(rows.length).toBeGreaterThanOrEqual(50);
    expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
  });

  it.each(rows)("$name", (row) => {
    const decision = evaluate(POLICIES[row.policy], requestOf(row));
    const { reason, ...rest } = row.expect;
    expect(decision).toMatchObject(rest);
    if (reason !== undefined) expect(decision.reason).toContain(reason);
    // Invariants of every decision.
    if (decision.effect === "deny") expect(decision.autoApply).toBe(false);
    if (decision.autoApply) expect(decision.requiresApproval).toBe(false);
    expect(decision.reason).toMatch(/^(Allowed|Denied)\b.*\.$/);
  });

  it("never throws on inputs it cannot read", () => {
    for (const input of [null, 42, "PAY-1", { issueKey: 7 }, { fields: "x" }]) {
      const decision = evaluate(POLICIES.scopes, requestOf({ name: "", policy: "scopes", role: "PM", kind: "jira.updateFields", input, expect: {} }));
      // A scope cannot be checked without a project: the allow does not match.
      expect(decision.effect).toBe("deny");
    }
  });

  it("denies an approval that names no approver", () => {
    const request = requestOf({ name: "", policy: "default", role: "PM", kind: "jira.createIssue", input: create("PAY"), stage: "approve", expect: {} });
    expect(evaluate(POLICIES.default, request)).toMatchObject({ effect: "deny", reason: "Denied: no approver was given; an approval needs the person who decides." });
  });
});

describe("offeredKinds", () => {
  const context = { now: new Date(FRIDAY), environment: "production" as const };

  it("offers engineers only what the default policy lets them propose", () => {
    expect(offeredKinds(POLICIES.default, { userId: "u", role: "ENGINEER" }, context)).toEqual(["jira.comment", "github.commentOnPullRequest"]);
  });

  it("offers leadership nothing under the default policy", () => {
    expect(offeredKinds(POLICIES.default, { userId: "u", role: "LEADERSHIP" }, context)).toEqual([]);
  });

  it("follows time windows", () => {
    const saturday = { ...context, now: new Date("2025-07-05T10:00:00Z") };
    expect(offeredKinds(POLICIES.times, { userId: "u", role: "ENGINEER" }, context)).toContain("jira.comment");
    expect(offeredKinds(POLICIES.times, { userId: "u", role: "ENGINEER" }, saturday)).not.toContain("jira.comment");
  });
});

describe("inTimeWindow", () => {
  const window = { days: [1, 2, 3, 4, 5], start: 9 * 60, end: 24 * 60, timezone: "America/New_York", label: "" };

  it("treats 24:00 as the end of the day", () => {
    expect(inTimeWindow(window, new Date("2025-03-14T03:59:00Z"))).toBe(true); // Thu 23:59 in New York
    expect(inTimeWindow(window, new Date("2025-03-15T04:00:00Z"))).toBe(false); // Sat 00:00
  });

  it("follows the zone's daylight saving change", () => {
    // New York moved to EDT on 9 March 2025: 13:00 UTC is 09:00 afterwards, 08:00 before.
    expect(inTimeWindow(window, new Date("2025-03-10T13:00:00Z"))).toBe(true);
    expect(inTimeWindow(window, new Date("2025-03-07T13:00:00Z"))).toBe(false);
  });
});
