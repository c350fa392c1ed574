import { Forbidden } from "@/components/shell/forbidden";
import { PageBody, PageHeader } from "@/components/shell/page-header";
import { AdoptionDashboard } from "@/components/metrics/adoption-dashboard";
import { pageAccess } from "@/server/auth/page-access";

export const metadata = { title: "Metrics" };

export default async function MetricsPage() {
  const access = await pageAccess("metrics:view");
  if (!access.ok) return <Forbidden scope={access.scope} role={access.session.role} page="Metrics" />;
  return (
    <>
      <PageHeader title="Metrics" description="Adoption across the organisation. Quality, reliability and latency join as the agent is used." />
      <PageBody>
        <AdoptionDashboard />
      </PageBody>
    </>
  );
}
