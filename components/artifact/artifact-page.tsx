"use client";

import { useRouter } from "next/navigation";
import { ArtifactViewer } from "./artifact-viewer";

/** An artifact on its own page (scheduled reports, links from notifications). */
export function ArtifactPage({ artifactId }: { artifactId: string }) {
  const router = useRouter();
  return (
    <div className="mx-auto flex h-dvh max-w-4xl flex-col border-x">
      <ArtifactViewer artifactId={artifactId} onClose={() => (window.history.length > 1 ? router.back() : router.push("/chat"))} />
    </div>
  );
}
