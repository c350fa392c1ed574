import { Bot, Plug } from "lucide-react";
import Link from "next/link";
import { Forbidden } from "@/components/shell/forbidden";
import { PageBody, PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { pageAccess } from "@/server/auth/page-access";
import { getDb } from "@/server/db/client";
import { tenantDb } from "@/server/db/tenant";

export const metadata = { title: "Chat" };

const EXAMPLES = [
  "Plan sprint 25 for the Payments team within capacity",
  "Plan a Q3 release for offline mode and tell me what to cut to make August 29",
  "Summarize sprint progress for this week's status report",
  "Generate a risk register for the mobile launch",
];

export default async function ChatPage() {
  const access = await pageAccess("chat:use");
  if (!access.ok) return <Forbidden scope={access.scope} role={access.session.role} page="Chat" />;
  const db = tenantDb(getDb(), access.session.organization.id);
  const [connections, workItems, pullRequests, documents, messages] = await Promise.all([
    db.connection.count({ where: { status: { not: "DISCONNECTED" } } }),
    db.workItem.count(),
    db.pullRequest.count(),
    db.document.count(),
    db.message.count(),
  ]);
  const n = (v: number) => v.toLocaleString("en");
  return (
    <>
      <PageHeader title="Chat" description="Plan over your Jira, GitHub, Notion and Slack data. Every number is computed, every source cited." />
      <PageBody>
        <EmptyState
          icon={Bot}
          title={connections === 0 ? "Connect your tools to start planning" : "The planning chat arrives here"}
          action={
            <Button asChild variant="outline">
              <Link href="/connections">
                <Plug /> {connections === 0 ? "See connections" : "See what is synced"}
              </Link>
            </Button>
          }
        >
          {connections === 0 ? (
            <p>Planning reads the work your organisation syncs from Jira, GitHub, Notion and Slack. No tool is connected to {access.session.organization.name} yet.</p>
          ) : (
            <p data-testid="chat-synced-summary">
              It will plan over what {access.session.organization.name} has synced: {n(workItems)} issues, {n(pullRequests)} pull requests, {n(documents)} documents and{" "}
              {n(messages)} messages from {connections} connected {connections === 1 ? "tool" : "tools"}. You will ask things like:
            </p>
          )}
          <ul className="mt-4 space-y-1.5 text-left">
            {EXAMPLES.map((e) => (
              <li key={e} className="rounded-md border bg-card px-3 py-2 text-foreground">
                “{e}”
              </li>
            ))}
          </ul>
        </EmptyState>
      </PageBody>
    </>
  );
}
