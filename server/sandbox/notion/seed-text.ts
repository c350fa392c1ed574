/**
 * Writing for the seeded Notion workspace: per-team vocabulary and sentence templates that the
 * spec, roadmap and meeting-note seeds fill in with Jira keys, people and dates. `{title}`,
 * `{team}`, `{dep}`, `{target}`, `{flag}` and `{n}` are placeholders.
 */

export interface TeamVoice {
  area: string;
  dependencies: string[];
  compliance: string;
  /** Initiatives the team plans beyond its Jira epics (roadmap rows and draft PRDs without an epic). */
  initiatives: string[];
  questions: string[];
  wins: string[];
  pains: string[];
}

export const TEAM_VOICE: Record<string, TeamVoice> = {
  PAY: {
    area: "checkout, invoicing and payouts",
    dependencies: ["the ledger service", "Adyen's marketplace API", "the fraud-scoring service", "Finance's month-end close"],
    compliance: "PCI DSS and PSD2 strong customer authentication",
    initiatives: ["Instant payouts for fleet operators", "Multi-currency invoicing", "Card-on-file tokenisation", "Refund automation v2", "Chargeback dispute portal"],
    questions: [
      "Finance has not confirmed whether partial refunds must post to the ledger in real time or can batch nightly. Which is it?",
      "Do we need a new PCI scope review if the card form moves into the mobile web view?",
      "Adyen's sandbox still rejects split payments over 10,000 EUR. Is that a sandbox limit or will production reject them too?",
      "Who approves the new reconciliation report format: Finance ops or the controller?",
    ],
    wins: ["Refund webhook retries cut failed refunds to almost zero", "Pairing with Finance on the reconciliation report paid off", "The PSP sandbox contract tests caught two breaking changes early"],
    pains: ["Ledger migration reviews waited three days for a reviewer", "We found the currency rounding bug in staging, not in tests", "Too many hotfixes went out without a changelog entry"],
  },
  MOB: {
    area: "the iOS and Android apps",
    dependencies: ["App Store review", "the push notification service", "the design system's 3.0 components", "the robot telemetry API"],
    compliance: "Apple's privacy manifest and Google Play's data-safety form",
    initiatives: ["Offline mode for field technicians", "Push notification preferences", "Robot fleet map on mobile", "Biometric login", "In-app support chat"],
    questions: [
      "Does offline mode need to queue robot commands, or only read cached status? Field ops and Support gave different answers.",
      "Apple rejected the last build for the background location string. Do we reword it or drop background location?",
      "Is the design system's 3.0 date picker ready, or do we ship with the old one?",
      "Who owns the crash-free-sessions target once the release moves to the new CI pipeline?",
    ],
    wins: ["Crash-free sessions reached 99.6% on Android", "Snapshot tests caught the dark-mode regressions before QA did", "Release notes were ready a day before submission"],
    pains: ["App Store review took four days and pushed the release", "Flaky UI tests on the CI simulators cost us a day", "Design handoff for the map screen came mid-sprint"],
  },
  PLAT: {
    area: "the shared platform (Kubernetes, CI, observability)",
    dependencies: ["the EKS 1.31 upgrade", "the Terraform state migration", "Vault's PKI engine", "the GitHub Actions runner fleet"],
    compliance: "SOC 2 change-management controls",
    initiatives: ["Kubernetes 1.31 upgrade", "Service mesh rollout", "Cost dashboards per team", "Secrets rotation with Vault", "Preview environments per pull request"],
    questions: [
      "Can we drain the payments node pool during business hours, or does Payments need a maintenance window?",
      "Which teams still pin the deprecated ingress annotations, and who tells them?",
      "Do preview environments need production-like data, and if so who signs off on the masking rules?",
      "Is the 20% cost-reduction target per team or for the whole cluster?",
    ],
    wins: ["The runner autoscaler halved queue times for CI", "The Grafana on-call dashboard got used in two incidents", "Terraform plans now post to pull requests automatically"],
    pains: ["The cluster upgrade rehearsal ran two hours over", "Alert noise from the old Prometheus rules woke on-call twice", "We learned about the mobile team's CI change from a failed build"],
  },
};

export const PROBLEMS = [
  "Customers and internal teams keep running into the limits of what {team} offers today in {area}. Support tickets tagged with this area grew {n}% last quarter, and two enterprise renewals named {title} as a condition.",
  "Every release touching {area} still needs manual coordination between {team} and the teams around it. Over the last three sprints that cost roughly {n} engineer-days per sprint, and it is the top complaint in the last two retros.",
  "Our biggest customers run fleets across several sites and regions. What we ship in {area} was built for single-site customers, and {title} is the gap sales engineering hits first in every fleet deal.",
];

export const GOALS = [
  "Ship {title} to 100% of customers by {target}.",
  "Cut support tickets about this area by {n}% within one quarter of launch.",
  "Keep p95 latency of the existing flows unchanged (measured on the {team} SLO dashboard).",
  "Give Support a runbook and a feature flag they can turn off without an engineer.",
  "Meet {compliance} requirements without a new audit finding.",
];

export const NON_GOALS = [
  "Redesigning the admin console around this feature.",
  "Supporting API v1 clients; they keep today's behaviour.",
  "Self-serve configuration for every customer in the first release.",
  "Backfilling historical data older than 12 months.",
  "Changing pricing or packaging; Product Marketing owns that separately.",
];

export const GENERIC_REQUIREMENTS = [
  "Behind the feature flag `{flag}`, default off, switchable per customer.",
  "Audit log entries for every state change, visible to workspace admins.",
  "Metrics and alerts on the {team} dashboard before the first external customer.",
  "Documentation in the Help Center and a short Loom for Support.",
];

export const SHARED_QUESTIONS = [
  "Is the {dep} change we depend on scheduled before {target}? Nobody has confirmed a date yet.",
  "Do we have QA capacity in the last sprint before {target}, given the December change freeze?",
  "Who owns the runbook once {title} is live: {team} on-call or Platform?",
  "Legal has not answered whether EU customers need to opt in. Do we block the rollout on it?",
];

export const RESOLVED_QUESTIONS = [
  "Do we need a feature flag? Yes: `{flag}`, owned by {team}.",
  "Does this need a design review? Done on the last design crit; notes are linked in the retro.",
  "Will we reuse the existing notification templates? Yes, no new templates are needed.",
];

export const ROLLOUT = [
  "Phase 1: internal dogfood behind `{flag}`.",
  "Phase 2: 10% of customers, watched for one week on the {team} dashboard.",
  "Phase 3: general availability by {target}, with release notes in #release-train.",
];

export const RETRO_ACTIONS = [
  "Add a reviewer rotation so no pull request waits more than one working day",
  "Write the missing runbook section before the next on-call handover",
  "Agree on a definition of done that includes the changelog entry",
  "Book the design handoff before sprint planning, not after",
  "Turn the flaky tests into a tracked bug with an owner",
];

/** Fills `{placeholders}` in a template; unknown placeholders stay as they are. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (key in values ? String(values[key]) : m));
}
