import { type Policy } from "./language";
import { loadPolicy } from "./parse";

/**
 * The policy every organisation starts with, as the YAML an admin will see and edit. It follows
 * the blueprint's example (PMs change Jira, Notion and Slack with approval; engineers comment with
 * approval), tightened where a mistake would reach many people, and its comments teach the
 * language to whoever opens it first. parse.test.ts keeps it valid and free of warnings.
 */
export const DEFAULT_POLICY_YAML = `# Lumen action policy
#
# This file decides what Lumen may change in your connected tools, for whom:
# which roles may propose which actions, where, when, who approves them, and
# which small changes may apply by themselves. Reading is always allowed.
# Anything no rule allows is denied, and a deny rule always wins over allows.
# Every key is described in the policy reference (docs/policies.md).

version: 1

# Time windows (time: in a rule) are read in this zone unless the rule names
# its own. Use an IANA name such as Europe/London or America/New_York.
timezone: UTC

# Who may change this policy. Keep a role that someone in your organisation
# holds: Lumen refuses to save a policy that nobody could edit afterwards.
administration:
  editors: [admin]

rules:
  # PMs and admins run the plan in Jira: create issues, edit fields, change
  # status, assign and move issues between sprints. A PM or an admin approves
  # each change, and one proposal may hold at most 50 changes of one kind (a
  # larger batch is refused; split it up).
  - name: PMs and admins plan in Jira
    roles: [pm, admin]
    tools: [jira]
    actions: [create, update, transition, assign, move]
    when:
      max_items: 50
      over_limit: deny
    approval:
      required: true
      approver_roles: [pm, admin]
      # The person who asked the agent may apply what it proposes for them.
      # Set self_approval: false to require a second person.
      self_approval: true

  # Comments add context beside the work without changing it. A person still
  # clicks apply, but nobody else has to approve.
  - name: PMs and admins comment
    roles: [pm, admin]
    tools: [jira, github]
    actions: [comment]
    approval:
      required: false

  # Engineers may have Lumen comment on Jira issues and pull requests; a PM or
  # an admin approves each comment.
  - name: Engineers comment with approval
    roles: [engineer]
    tools: [jira, github]
    actions: [comment]
    approval:
      approver_roles: [pm, admin]

  # GitHub issues, Notion pages and Slack messages reach people outside the
  # plan, so each one is approved. Messages never go to channels with more
  # than 500 members (or whose size Lumen cannot read).
  - name: PMs and admins write docs and updates
    roles: [pm, admin]
    tools: [github, notion, slack]
    actions: [create, update, post]
    when:
      channel_max_members: 500
      over_limit: deny
    approval:
      approver_roles: [pm, admin]
      self_approval: true

  # Leadership reviews plans and approvals but proposes no changes: no rule
  # names the role, so Lumen offers it no write actions.

  # More examples; remove the leading "# " from a block to use it.
  #
  # Replies in Slack threads apply by themselves. auto_apply is only for
  # low-risk actions (comment, assign, and post, which then covers thread
  # replies only) and needs approval: { required: false }:
  #
  # - name: Thread replies apply by themselves
  #   roles: [pm]
  #   tools: [slack]
  #   actions: [post]
  #   approval: { required: false }
  #   auto_apply: true
  #
  # Nothing changes in production at weekends (a deny always wins):
  #
  # - name: Quiet weekends
  #   roles: ["*"]
  #   actions: ["*"]
  #   effect: deny
  #   environments: [production]
  #   time: { days: [sat, sun] }
  #
  # Engineers comment only during working hours, only in PAY, and need
  # approval for proposals touching more than one Jira project:
  #
  # - name: Engineers comment in PAY during the day
  #   roles: [engineer]
  #   tools: [jira]
  #   actions: [comment]
  #   scope: { jira_projects: [PAY] }
  #   time: { days: [mon-fri], hours: "09:00-18:00", timezone: Europe/London }
  #   when: { cross_project: require_approval }
  #   approval: { required: false }
`;

/** The default policy, compiled. */
export function defaultPolicy(): Policy {
  return loadPolicy(DEFAULT_POLICY_YAML);
}
