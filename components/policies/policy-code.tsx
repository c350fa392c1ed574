"use client";

import dynamic from "next/dynamic";
import { Skeleton } from "@/components/ui/skeleton";

/**
 * The YAML editor, loaded in the browser only: CodeMirror needs the DOM, and leaving it out of the
 * server render keeps it out of every other page's bundle too. Until it arrives, a skeleton of
 * the same height holds its place so nothing jumps.
 */
export const PolicyCode = dynamic(() => import("./yaml-code"), {
  ssr: false,
  loading: () => <Skeleton className="h-64 w-full rounded-none" />,
});
