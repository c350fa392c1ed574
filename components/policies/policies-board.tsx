"use client";

import { useQuery } from "@tanstack/react-query";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useTRPC } from "@/lib/trpc/react";
import { CurrentPolicyCard, CurrentPolicySkeleton } from "./current-policy";
import { PolicyEditor, PolicyEditorSkeleton } from "./policy-editor";
import { VersionsCard } from "./versions-card";

/**
 * The action policy part of the Policies page: the policy in force for everyone, the editor for
 * those who may change it (`policies:edit`, decided by the page on the server and enforced again
 * by every procedure), and the published versions.
 */
export function PoliciesBoard({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const current = useQuery(trpc.policies.current.queryOptions());

  if (current.error) {
    return (
      <Card role="alert">
        <CardHeader>
          <CardTitle>The policy could not be loaded</CardTitle>
          <CardDescription>{current.error.message} Reload the page to try again; if it keeps failing, the server log names the cause.</CardDescription>
        </CardHeader>
      </Card>
    );
  }
  if (current.isPending) {
    return (
      <div className="space-y-6">
        <CurrentPolicySkeleton />
        {canEdit ? <PolicyEditorSkeleton /> : null}
      </div>
    );
  }
  return (
    <div className="space-y-6">
      {/* Admins read the YAML in the editor below; everyone else opens it here. */}
      <CurrentPolicyCard current={current.data} yamlOpen={!canEdit} />
      {canEdit ? <PolicyEditor current={current.data} /> : null}
      <VersionsCard current={current.data} canEdit={canEdit} />
    </div>
  );
}
