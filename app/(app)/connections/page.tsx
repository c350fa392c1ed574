import { Forbidden } from "@/components/shell/forbidden";
import { PageBody, PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { pageAccess } from "@/server/auth/page-access";
import { hasScope } from "@/server/auth/scopes";

export const metadata = { title: "Connections" };

const TOOLS = [
  { name: "Jira", reads: "Issues, sprints, boards, versions, comments and status history", writes: "Issues, transitions, comments, assignments, sprint moves" },
  { name: "GitHub", reads: "Pull requests, files, diffs, reviews and review threads", writes: "Pull-request comments and issues" },
  { name: "Notion", reads: "Specs, PRDs, pages, blocks and the roadmap database", writes: "Pages and appended blocks" },
  { name: "Slack", reads: "Channel history and threads, direct messages where permitted", writes: "Messages and updates to them" },
] as const;

export default async function ConnectionsPage() {
  const access = await pageAccess("connections:view");
  if (!access.ok) return <Forbidden scope={access.scope} role={access.session.role} page="Connections" />;
  const canManage = hasScope(access.session.role, "connections:manage");
  return (
    <>
      <PageHeader
        title="Connections"
        description={canManage ? "Connect your organisation's tools. Tokens are encrypted at rest and never shown again." : "The tools your organisation has connected. Admins manage them."}
      />
      <PageBody>
        <div className="grid gap-4 sm:grid-cols-2">
          {TOOLS.map((tool) => (
            <Card key={tool.name} data-testid={`connection-${tool.name.toLowerCase()}`}>
              <CardHeader className="flex-row items-center justify-between">
                <CardTitle className="text-base">{tool.name}</CardTitle>
                <Badge variant="outline">Not connected</Badge>
              </CardHeader>
              <CardContent className="space-y-2 text-sm">
                <CardDescription>
                  <span className="font-medium text-foreground">Reads:</span> {tool.reads}
                </CardDescription>
                <CardDescription>
                  <span className="font-medium text-foreground">Proposes:</span> {tool.writes} — each one approved by a person first.
                </CardDescription>
              </CardContent>
            </Card>
          ))}
        </div>
      </PageBody>
    </>
  );
}
