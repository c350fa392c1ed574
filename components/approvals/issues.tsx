import { AlertCircle } from "lucide-react";
import { type ValidationIssue } from "@/server/actions/catalogue/types";
import { formatValue } from "./summaries";

/**
 * Blocking problems, in red, each with what to do. An issue raised because the target changed
 * since the proposal lists the fields that moved: what the proposal was made against, and now.
 */
export function IssueList({ issues, id, className }: { issues: readonly ValidationIssue[]; id?: string; className?: string }) {
  if (issues.length === 0) return null;
  return (
    <ul id={id} className={className ? `space-y-1.5 ${className}` : "space-y-1.5"} data-testid="action-issues">
      {issues.map((issue, i) => (
        <li key={`${issue.path}-${i}`} className="rounded-md bg-destructive/8 px-2.5 py-1.5 text-xs text-destructive">
          <p className="flex gap-1.5">
            <AlertCircle className="mt-px size-3.5 shrink-0" aria-hidden />
            <span>{issue.message}</span>
          </p>
          {issue.changes?.length ? (
            <table className="mt-1.5 ml-5 text-xs text-foreground">
              <caption className="sr-only">What changed since this was proposed</caption>
              <thead className="text-muted-foreground">
                <tr>
                  <th scope="col" className="pr-3 text-left font-medium">
                    Field
                  </th>
                  <th scope="col" className="pr-3 text-left font-medium">
                    Proposed against
                  </th>
                  <th scope="col" className="text-left font-medium">
                    Now
                  </th>
                </tr>
              </thead>
              <tbody>
                {issue.changes.map((c) => (
                  <tr key={c.field} className="align-top">
                    <th scope="row" className="pr-3 text-left font-normal text-muted-foreground">
                      {c.label}
                    </th>
                    <td className="pr-3">{formatValue(c.proposedAgainst)}</td>
                    <td className="font-medium">{formatValue(c.now)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** A field's own messages, under its input. */
export function FieldMessages({ issues, id }: { issues: readonly ValidationIssue[]; id: string }) {
  if (issues.length === 0) return null;
  return (
    <div id={id} className="mt-1 space-y-0.5">
      {issues.map((issue, i) => (
        <p key={i} className="text-xs text-destructive">
          {issue.message}
        </p>
      ))}
    </div>
  );
}
