import { type ChangeHunk } from "./code-changes";
import { type GithubFileChange } from "./state";

/** Git's all-zero object id, used as the "before" of a new file and the "after" of a deleted one. */
export const NULL_SHA = "0000000000000000000000000000000000000000";

const range = (start: number, count: number) => (count === 1 ? `${start}` : `${start},${count}`);

/**
 * Renders hunks as the `patch` GitHub returns for a file: "@@ -a,b +c,d @@ header" lines followed by
 * the hunk bodies, with the counts computed from the bodies.
 */
export function renderPatch(hunks: ChangeHunk[]): { patch: string; additions: number; deletions: number } {
  let additions = 0;
  let deletions = 0;
  let shift = 0;
  const out: string[] = [];
  for (const h of hunks) {
    const lines = h.body.split("\n");
    const oldCount = lines.filter((l) => !l.startsWith("+")).length;
    const newCount = lines.filter((l) => !l.startsWith("-")).length;
    additions += lines.filter((l) => l.startsWith("+")).length;
    deletions += lines.filter((l) => l.startsWith("-")).length;
    const newStart = h.oldStart === 0 ? 1 : h.oldStart + shift;
    // Git names the enclosing line above the hunk; when that line opens the hunk itself it shows none.
    const header = h.header && h.header !== lines[0]?.slice(1) ? ` ${h.header}` : "";
    out.push(`@@ -${range(h.oldStart, oldCount)} +${range(newStart, newCount)} @@${header}`, ...lines);
    shift += newCount - oldCount;
  }
  return { patch: out.join("\n"), additions, deletions };
}

/** A line of a patch that a review comment can point at. */
export interface PatchLine {
  /** GitHub's `position`: the line's index counted from the line below the first hunk header. */
  position: number;
  kind: "context" | "added" | "removed";
  oldLine: number | null;
  newLine: number | null;
  text: string;
  /** The patch from the enclosing hunk header down to this line — GitHub's `diff_hunk`. */
  diffHunk: string;
}

/** Every commentable line of `patch`, in order. */
export function patchLines(patch: string): PatchLine[] {
  const out: PatchLine[] = [];
  const lines = patch.split("\n");
  let hunkStart = 0;
  let oldLine = 0;
  let newLine = 0;
  lines.forEach((line, i) => {
    const header = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (header) {
      hunkStart = i;
      oldLine = Number(header[1]);
      newLine = Number(header[2]);
      return;
    }
    const kind = line.startsWith("+") ? "added" : line.startsWith("-") ? "removed" : "context";
    out.push({
      position: i,
      kind,
      oldLine: kind === "added" ? null : oldLine,
      newLine: kind === "removed" ? null : newLine,
      text: line.slice(1),
      diffHunk: lines.slice(hunkStart, i + 1).join("\n"),
    });
    if (kind !== "added") oldLine++;
    if (kind !== "removed") newLine++;
  });
  return out;
}

/** Files as the text `git diff` prints (what GitHub serves for the diff media type). */
export function unifiedDiff(files: GithubFileChange[]): string {
  return files
    .map((f) => {
      const from = f.previousFilename ?? f.filename;
      const head = [`diff --git a/${from} b/${f.filename}`];
      if (f.status === "added") head.push("new file mode 100644", `index ${NULL_SHA.slice(0, 7)}..${f.sha.slice(0, 7)}`, "--- /dev/null", `+++ b/${f.filename}`);
      else if (f.status === "removed") head.push("deleted file mode 100644", `index ${f.previousSha.slice(0, 7)}..${NULL_SHA.slice(0, 7)}`, `--- a/${from}`, "+++ /dev/null");
      else if (f.status === "renamed" && !f.patch) head.push("similarity index 100%", `rename from ${from}`, `rename to ${f.filename}`);
      else {
        if (f.status === "renamed") head.push("similarity index 90%", `rename from ${from}`, `rename to ${f.filename}`);
        head.push(`index ${f.previousSha.slice(0, 7)}..${f.sha.slice(0, 7)} 100644`, `--- a/${from}`, `+++ b/${f.filename}`);
      }
      return [...head, ...(f.patch ? [f.patch] : [])].join("\n") + "\n";
    })
    .join("");
}

export interface MboxCommit {
  sha: string;
  authorName: string;
  authorEmail: string;
  /** ISO time. */
  date: string;
  message: string;
  files: GithubFileChange[];
}

/** Commits as `git format-patch` prints them (what GitHub serves for the patch media type). */
export function mboxPatch(commits: MboxCommit[]): string {
  return commits
    .map((c, i) => {
      const [subject = "", ...rest] = c.message.split("\n");
      const numbered = commits.length > 1 ? `[PATCH ${i + 1}/${commits.length}]` : "[PATCH]";
      const adds = c.files.reduce((n, f) => n + f.additions, 0);
      const dels = c.files.reduce((n, f) => n + f.deletions, 0);
      const stat = c.files.map((f) => ` ${f.filename} | ${f.additions + f.deletions} ${"+".repeat(Math.min(f.additions, 40))}${"-".repeat(Math.min(f.deletions, 40))}`);
      const summary = ` ${c.files.length} file${c.files.length === 1 ? "" : "s"} changed, ${adds} insertion${adds === 1 ? "" : "s"}(+), ${dels} deletion${dels === 1 ? "" : "s"}(-)`;
      const body = rest.join("\n").trim();
      return [
        `From ${c.sha} Mon Sep 17 00:00:00 2001`,
        `From: ${c.authorName} <${c.authorEmail}>`,
        `Date: ${new Date(c.date).toUTCString().replace("GMT", "+0000")}`,
        `Subject: ${numbered} ${subject}`,
        "",
        ...(body ? [body, ""] : []),
        "---",
        ...stat,
        summary,
        "",
        unifiedDiff(c.files),
      ].join("\n");
    })
    .join("\n");
}
