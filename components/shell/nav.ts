import { BarChart3, Bot, CheckSquare, GraduationCap, type LucideIcon, Plug, ScrollText, Shield, UserCog, Users } from "lucide-react";
import { type Scope } from "@/server/auth/scopes";

export interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
  scope: Scope;
  /** Second key of the `g` then key shortcut. */
  key: string;
  description: string;
}

/** The app's sections, in the order the sidebar shows them. A role sees those its scopes allow. */
export const NAV_ITEMS: NavItem[] = [
  { href: "/chat", label: "Chat", icon: Bot, scope: "chat:use", key: "c", description: "Plan sprints and releases, report status, track risks" },
  { href: "/teams", label: "Teams", icon: Users, scope: "chat:use", key: "e", description: "Capacity, days off and scheduled reports" },
  { href: "/approvals", label: "Approvals", icon: CheckSquare, scope: "approvals:view", key: "a", description: "Review the changes the agent proposes" },
  { href: "/connections", label: "Connections", icon: Plug, scope: "connections:view", key: "n", description: "Jira, GitHub, Notion and Slack" },
  { href: "/policies", label: "Policies", icon: Shield, scope: "policies:view", key: "p", description: "Who may do what, where and when" },
  { href: "/members", label: "Members", icon: UserCog, scope: "members:view", key: "b", description: "Who belongs, with which role, and who is invited" },
  { href: "/metrics", label: "Metrics", icon: BarChart3, scope: "metrics:view", key: "m", description: "Adoption, quality, reliability and latency" },
  { href: "/training", label: "Training", icon: GraduationCap, scope: "training:view", key: "t", description: "Preference data, datasets and model versions" },
  { href: "/audit", label: "Audit", icon: ScrollText, scope: "audit:view", key: "u", description: "Every sign-in, decision and change" },
];

export function navFor(scopes: readonly Scope[]): NavItem[] {
  return NAV_ITEMS.filter((item) => scopes.includes(item.scope));
}

/** Where a member lands after sign-in: leadership on the dashboards, everyone else on their first section. */
export function homeFor(role: string, scopes: readonly Scope[]): string | null {
  if (role === "LEADERSHIP" && scopes.includes("metrics:view")) return "/metrics";
  return navFor(scopes)[0]?.href ?? null;
}
