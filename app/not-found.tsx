import { FileQuestion } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";

export const metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-6 text-center">
      <div className="mb-4 flex size-12 items-center justify-center rounded-full bg-muted">
        <FileQuestion className="size-5 text-muted-foreground" aria-hidden />
      </div>
      <p className="font-mono text-sm text-muted-foreground">404</p>
      <h1 className="mt-1 text-xl font-semibold tracking-tight">This page doesn&apos;t exist</h1>
      <p className="mt-2 max-w-sm text-sm text-muted-foreground">The link may be mistyped or out of date. Head back and pick a section from the sidebar, or press Ctrl K to search.</p>
      <Button asChild className="mt-6">
        <Link href="/">Back to Lumen</Link>
      </Button>
    </main>
  );
}
