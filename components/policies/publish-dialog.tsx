"use client";

import { LoaderCircle } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { versionLabel } from "./wording";

/**
 * Asks for a short note before a draft becomes the policy in force. The note is what the versions
 * list shows, so the next reader learns why the policy changed without reading the diff.
 */
export function PublishDialog({ open, onOpenChange, basedOn, warnings, pending, onPublish }: { open: boolean; onOpenChange: (open: boolean) => void; basedOn: number | null; warnings: number; pending: boolean; onPublish: (note: string) => void }) {
  const [note, setNote] = useState("");
  const next = (basedOn ?? 0) + 1;
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        if (!o) setNote("");
        onOpenChange(o);
      }}
    >
      <DialogContent title={`Publish version ${next}?`} description={`It replaces ${basedOn === null ? "the default policy" : versionLabel(basedOn).toLowerCase()} at once: every proposal from now on is decided by it, and proposals already waiting are checked against it again when they are approved and when they run.`}>
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            onPublish(note.trim());
          }}
        >
          <div className="space-y-2">
            <Label htmlFor="policy-publish-note">What changed, in a few words</Label>
            <Input id="policy-publish-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} placeholder="Engineers may move issues between sprints" autoFocus autoComplete="off" />
            <p className="text-xs text-muted-foreground">Shown in the versions list and the audit log. Optional, but the next reader will thank you.</p>
          </div>
          {warnings ? (
            <p className="rounded-md bg-warning/10 px-3 py-2 text-sm text-warning">
              The draft has {warnings === 1 ? "1 warning" : `${warnings} warnings`}. Warnings never block publishing, but check they describe what you meant.
            </p>
          ) : null}
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button type="button" variant="ghost" size="sm">
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" size="sm" disabled={pending}>
              {pending ? <LoaderCircle className="animate-spin" aria-hidden /> : null}
              Publish
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
