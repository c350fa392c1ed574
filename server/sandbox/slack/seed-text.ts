/**
 * Message templates for the seeded Slack workspace. Placeholders: {issue} / {next} (a Jira key
 * and summary), {pr} (a pull request link), {mention} (a user mention), {dep}, {epic}, {target},
 * {question}, {spec}, {release}.
 */

export const STANDUPS = [
  "Yesterday: {issue}. Today: {next}. No blockers.",
  "Yesterday I wrapped up {issue}. Today pairing with {mention} on {next}.",
  "Still on {next}. The {dep} part is slower than I hoped, but no blockers yet.",
  "{pr} is up for {issue}. Today: {next}.",
  "Out this afternoon for a dentist appointment. Morning: {next}.",
  "Finished the tests for {issue}; today I'm picking up {next}.",
];

export const REVIEW_REQUESTS = ["Could someone review {pr}? It's for {issue}.", "{pr} is ready for review, small one ({issue}).", "Need a second pair of eyes on {pr}: it touches the migration for {issue}."];

export const REVIEW_REPLIES = ["On it :eyes:", "Approved, left two nits.", "Looks good. Can you add a test for the empty case?", "I'll take it after standup."];

export const RISK_THREADS: { parent: string; replies: string[] }[] = [
  {
    parent: "Heads up: {epic} might slip. {dep} still hasn't confirmed their date and we can't finish {issue} without it.",
    replies: [
      "How much are we talking? Do we need to say something in #release-train?",
      "At least a sprint if it doesn't land by Friday. I'd rather flag it now.",
      "OK. I'll raise it at the review on Wednesday. Does anyone know who can actually give us a date?",
    ],
  },
  {
    parent: "We're behind on {epic}: {issue} turned out bigger than estimated (the data backfill alone is ~3 days). Target {target} looks tight.",
    replies: ["Can we cut scope to phase 1 and keep the date?", "Maybe, but then {question}", "Let's not decide in Slack, adding it to Thursday's sync."],
  },
  {
    parent: "Blocked on {dep} for {issue}. {mention} can you escalate? We lose the rest of the sprint otherwise.",
    replies: ["Escalating now.", "Any update? Still blocked here."],
  },
];

export const OPEN_QUESTIONS = ["Does anyone know: {question}", "Quick question before I go further: {question}", "{question} Asking because it changes the estimate for {issue}."];

export const SPEC_LINKS = ["Spec for {epic} is ready for review: {spec}. Comments by Friday please.", "Updated the open questions in {spec}; two are still unanswered."];

export const GENERAL_POSTS = [
  "Reminder: all-hands is Thursday at 17:00 CET. Questions for leadership go in the form pinned here.",
  "Welcome to everyone who joined this month! Say hi in the thread :wave:",
  "The office wifi maintenance is tonight from 20:00; VPN keeps working.",
  "Benefits enrolment closes on the 30th. People Ops has office hours on Tuesday.",
  "Q4 planning: roadmap drafts are in Notion, please add comments before the leadership review.",
];

export const RANDOM_POSTS = ["Who's up for lunch at the ramen place?", "Someone left a very nice sourdough in the kitchen. Thank you, mystery baker.", "Cat tax :cat:", "Recommendations for a standing desk?"];

export const RELEASE_REPLIES = ["Payments :white_check_mark:", "Mobile: waiting on App Store review, should be fine by tomorrow.", "Platform :white_check_mark: no infra changes this time.", "One flaky test on the release branch, re-running."];

export const INCIDENTS: { title: string; updates: string[] }[] = [
  {
    title: ":fire: INC-{n}: elevated 5xx on the checkout API since {time} UTC. Investigating.",
    updates: ["Error rate ~4%, all regions. Looks correlated with the ledger deploy at {time}.", "Rolled back the ledger deploy. Error rate back under 0.1%.", "Resolved. Postmortem owner: {mention}, due Friday."],
  },
  {
    title: ":rotating_light: INC-{n}: push notifications delayed up to 20 minutes on Android.",
    updates: ["FCM quota alarm fired at {time} UTC; we're at 95% of the daily quota.", "Requested a quota increase and throttled the marketing campaign sends.", "Delivery back to normal. Follow-up: alert at 70% next time."],
  },
];

export const PRIVATE_PROJECT = [
  "We might slip the checkout v2 beta: the card form design isn't final and the PCI review needs it frozen two weeks before.",
  "Customer call recap: they want the beta before their peak season, so end of January at the latest.",
  "Decision needed by Friday: do we launch the beta without saved cards?",
];

export const LEADERSHIP = [
  "The board wants a committed date for instant payouts in the next update.",
  "Hiring plan: two more mobile engineers in Q1, pending budget.",
  "Let's review the at-risk roadmap items before the QBR; I'd like owners to bring a plan, not just a status.",
];

export const DMS_TO_BOT = [
  "Hi Lumen, can you draft the weekly status for Payments by Thursday?",
  "Lumen, what's blocking the mobile release this week?",
  "Can you list the roadmap items that are at risk and who owns them?",
];

export const BOT_REPLIES = [
  "Sure, I'll post a draft here on Thursday morning with sources for each item.",
  "I'll check Jira, the open pull requests and #release-train and get back to you.",
  "Here's what I found so far; two items have unanswered questions in their specs.",
];

export const HUMAN_DMS = ["Can you cover my review duty tomorrow?", "Sure, swap you for Friday.", "Do you have 10 minutes to talk about the estimate before the review?", "Yes, after lunch."];

export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (key in values ? values[key]! : m));
}
