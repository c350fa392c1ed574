import { GraduationCap } from "lucide-react";
import { Forbidden } from "@/components/shell/forbidden";
import { PageBody, PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { pageAccess } from "@/server/auth/page-access";

export const metadata = { title: "Training" };

export default async function TrainingPage() {
  const access = await pageAccess("training:view");
  if (!access.ok) return <Forbidden scope={access.scope} role={access.session.role} page="Training" />;
  return (
    <>
      <PageHeader title="Training" description="Preference data from real use, datasets, fine-tuning runs and the benchmark that gates every model version." />
      <PageBody>
        <EmptyState icon={GraduationCap} title="No preference data yet">
          <p>
            Each suggestion a PM accepts, edits or rejects becomes a training example: accepted ones teach by example, edited ones become better-versus-worse
            pairs. They collect here as the team uses the chat and the approval queue, ready to build datasets and to fine-tune the planner.
          </p>
        </EmptyState>
      </PageBody>
    </>
  );
}
