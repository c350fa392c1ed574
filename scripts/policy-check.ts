/**
 * `npm run policy:check -- FILE [FILE…] [--members ROLES]`: checks action policy files the way a
 * compiler checks source, so a policy can be reviewed and validated in CI before anyone pastes it
 * into Lumen.
 *
 *   --members pm,admin   also refuse a policy that members with these roles could not edit again
 *
 * Output: problems as `FILE:line:column: message` (warnings as `FILE:line:column: warning: message`);
 * for a valid file, one summary line.
 * Exit codes: 0 every file valid, 1 a file is invalid or unreadable, 2 bad arguments.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { type Role } from "@/server/db/generated/enums";
import { POLICY_ROLES, type PolicyRole, ROLE_OF } from "@/server/policies/language";
import { checkLockout } from "@/server/policies/lockout";
import { parsePolicy } from "@/server/policies/parse";

const USAGE = "usage: npm run policy:check -- FILE [FILE…] [--members pm,admin]";

function usage(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function memberRoles(value: string | undefined): Role[] | null {
  if (value === undefined) return null;
  return value.split(",").map((name) => {
    const role = name.trim().toLowerCase();
    if (!(POLICY_ROLES as readonly string[]).includes(role)) usage(`--members: “${name}” is not a role; write roles from ${POLICY_ROLES.join(", ")}, separated by commas.`);
    return ROLE_OF[role as PolicyRole];
  });
}

/** Checks one file; returns whether it is valid. */
function check(file: string, members: Role[] | null): boolean {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    console.log(`${file}:1:1: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Check the path.`);
    return false;
  }
  const result = parsePolicy(text);
  for (const warning of result.warnings) console.log(`${file}:${warning.line}:${warning.column}: warning: ${warning.message}`);
  if (!result.ok) {
    for (const error of result.errors) console.log(`${file}:${error.line}:${error.column}: ${error.message}`);
    return false;
  }
  if (members) {
    const lockout = checkLockout(result.policy, members);
    if (!lockout.ok) {
      console.log(`${file}:1:1: ${lockout.message}`);
      return false;
    }
  }
  const { rules, administration } = result.policy;
  const denies = rules.filter((r) => r.effect === "deny").length;
  const warnings = result.warnings.length;
  console.log(
    `${file}: valid: ${rules.length} rule${rules.length === 1 ? "" : "s"} (${rules.length - denies} allow, ${denies} deny); editors: ${administration.editors.map((r) => r.toLowerCase()).join(", ")}; ${warnings} warning${warnings === 1 ? "" : "s"}.`,
  );
  return true;
}

function main() {
  let parsed: ReturnType<typeof parseArgs<{ options: { members: { type: "string" } }; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ options: { members: { type: "string" } }, allowPositionals: true });
  } catch (error) {
    usage((error as Error).message);
  }
  if (parsed.positionals.length === 0) usage("Name at least one policy file.");
  const members = memberRoles(parsed.values.members);
  let ok = true;
  for (const file of parsed.positionals) ok = check(file, members) && ok;
  process.exit(ok ? 0 : 1);
}

main();
