import { type Role } from "@/server/db/generated/enums";

/**
 * What each scope allows, as plain data. Procedures name the scope they need
 * (`scopedProcedure("policies:edit")`); pages and navigation read the same table.
 */
export const SCOPES = {
  "chat:use": "Plan in the chat over the organisation's connected data",
  "approvals:view": "See proposed actions and their outcomes",
  "approvals:decide": "Apply, edit or reject proposed actions",
  "teams:manage": "Edit teams' time zones, capacity and days off, and schedule planning workflows",
  "models:manage": "Choose the language model the organisation plans with",
  "connections:view": "See which tools are connected and their sync status",
  "connections:manage": "Connect, test, sync and disconnect tools",
  "policies:view": "Read the organisation's action policies",
  "policies:edit": "Change the organisation's action policies",
  "members:view": "See the organisation's members and their roles",
  "members:manage": "Invite members, change roles and remove members",
  "metrics:view": "See adoption, quality, reliability and latency dashboards",
  "training:view": "See preference data, datasets, training runs and evaluations",
  "training:manage": "Build datasets, start training runs and promote models",
  "audit:view": "Read the audit trail",
  "organization:manage": "Rename the organisation and change its settings",
} as const;

export type Scope = keyof typeof SCOPES;

export const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  PM: ["chat:use", "teams:manage", "approvals:view", "approvals:decide", "connections:view", "policies:view", "members:view", "metrics:view", "training:view"],
  ENGINEER: ["chat:use", "approvals:view", "connections:view", "policies:view", "members:view"],
  ADMIN: Object.keys(SCOPES) as Scope[],
  LEADERSHIP: ["approvals:view", "connections:view", "policies:view", "members:view", "metrics:view", "training:view", "audit:view"],
};

export const ROLE_LABELS: Record<Role, string> = {
  PM: "Product manager",
  ENGINEER: "Engineer",
  ADMIN: "Admin",
  LEADERSHIP: "Leadership",
};

export function hasScope(role: Role, scope: Scope): boolean {
  return ROLE_SCOPES[role].includes(scope);
}

export function scopesFor(role: Role): Scope[] {
  return [...ROLE_SCOPES[role]];
}
