import { ArtifactPage } from "@/components/artifact/artifact-page";
import { Forbidden } from "@/components/shell/forbidden";
import { pageAccess } from "@/server/auth/page-access";

export const metadata = { title: "Artifact" };

export default async function ArtifactRoute({ params }: { params: Promise<{ id: string }> }) {
  const access = await pageAccess("chat:use");
  if (!access.ok) return <Forbidden scope={access.scope} role={access.session.role} page="Artifact" />;
  const { id } = await params;
  return <ArtifactPage artifactId={id} />;
}
