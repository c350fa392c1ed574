"use client";

import { useSyncExternalStore } from "react";

function everyMinute(onChange: () => void) {
  const timer = setInterval(onChange, 60_000);
  return () => clearInterval(timer);
}
const thisMinute = () => Math.floor(Date.now() / 60_000);
const onServer = () => null;

/**
 * The current time to the minute, for "3 hours ago" labels that stay true while the page is open.
 * Null while rendering on the server, so server and browser markup agree.
 */
export function useNow(): Date | null {
  const minute = useSyncExternalStore(everyMinute, thisMinute, onServer);
  return minute === null ? null : new Date(minute * 60_000);
}
