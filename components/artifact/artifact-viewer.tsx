"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FileWarning } from "lucide-react";
import { useState } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { useTRPC } from "@/lib/trpc/react";
import { type ArtifactBody } from "@/server/planning/artifact";
import { ArtifactPanel, ArtifactPanelSkeleton } from "./artifact-panel";

/**
 * An artifact with its versions, loaded and saved through the API: the chat's side panel and the
 * stand-alone artifact page both use it. Saving an edit makes a new version; a conflicting save
 * (someone saved first) is refused with a message and the newer version is loaded.
 */
export function ArtifactViewer({ artifactId, onClose }: { artifactId: string; onClose(): void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [version, setVersion] = useState<number | undefined>(undefined);
  const query = useQuery(trpc.planning.artifact.queryOptions({ id: artifactId, version }));
  const save = useMutation(trpc.planning.saveArtifactVersion.mutationOptions());

  if (query.isPending) return <ArtifactPanelSkeleton />;
  if (query.isError || !query.data) {
    return (
      <EmptyState icon={FileWarning} title="This artifact cannot be opened">
        <p>{query.error?.message ?? "It was deleted, or it belongs to another organisation."}</p>
      </EmptyState>
    );
  }
  const data = query.data;
  return (
    <ArtifactPanel
      artifact={data.artifact}
      versions={data.versions}
      current={data.current}
      latestNumber={data.latestNumber}
      onSelectVersion={(n) => setVersion(n === data.latestNumber ? undefined : n)}
      onClose={onClose}
      onSave={async (body: ArtifactBody) => {
        try {
          await save.mutateAsync({ artifactId, baseVersion: data.latestNumber, body });
          setVersion(undefined);
          await queryClient.invalidateQueries({ queryKey: trpc.planning.artifact.queryKey({ id: artifactId }) });
        } catch (error) {
          await queryClient.invalidateQueries({ queryKey: trpc.planning.artifact.queryKey({ id: artifactId }) });
          throw new Error((error as Error).message || "Saving failed. Your edits are still here; try again.");
        }
      }}
    />
  );
}
