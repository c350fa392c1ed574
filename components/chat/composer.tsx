"use client";

import { ArrowUp, Square } from "lucide-react";
import { type FormEvent, type KeyboardEvent, useId, useLayoutEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Tip } from "@/components/ui/tooltip";
import { cn } from "@/lib/utils";

/** The longest message the chat accepts; the server enforces the same limit. */
export const MAX_MESSAGE_LENGTH = 20_000;
/** The counter appears from here on, so it is there before the limit bites. */
export const COUNTER_FROM = 18_000;
const MAX_HEIGHT_PX = 240;

/** What the composer says about a draft's length. */
export function draftLimit(length: number): { showCounter: boolean; over: number } {
  return { showCounter: length >= COUNTER_FROM, over: Math.max(0, length - MAX_MESSAGE_LENGTH) };
}

export interface ComposerProps {
  /** Called with the trimmed text; the composer clears itself afterwards. */
  onSend(text: string): void;
  onStop(): void;
  /** A response is being requested or streamed: sending is off and Stop is offered instead. */
  busy: boolean;
  /** Nothing can be sent at all (e.g. no access); typing still works. */
  disabled?: boolean;
  placeholder?: string;
  autoFocus?: boolean;
}

/**
 * The message box. Enter sends, Shift+Enter adds a line, Escape stops a response. A draft over the
 * limit is kept as typed and only sending is blocked, so nothing the user wrote is lost.
 */
export function Composer({ onSend, onStop, busy, disabled = false, placeholder = "Ask about your sprints, releases and risks…", autoFocus }: ComposerProps) {
  const [value, setValue] = useState("");
  const ref = useRef<HTMLTextAreaElement>(null);
  const hintId = useId();
  const errorId = useId();
  const { showCounter, over } = draftLimit(value.length);
  const canSend = !busy && !disabled && over === 0 && value.trim().length > 0;

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, MAX_HEIGHT_PX)}px`;
    el.style.overflowY = el.scrollHeight > MAX_HEIGHT_PX ? "auto" : "hidden";
  }, [value]);

  function send() {
    if (!canSend) return;
    onSend(value.trim());
    setValue("");
    ref.current?.focus();
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    send();
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    } else if (e.key === "Escape" && busy) {
      e.preventDefault();
      onStop();
    }
  }

  return (
    <form
      onSubmit={onSubmit}
      className={cn(
        "rounded-2xl border bg-card shadow-xs transition-colors focus-within:border-ring/60 focus-within:ring-2 focus-within:ring-ring/15",
        over > 0 && "border-destructive/60 focus-within:border-destructive/60 focus-within:ring-destructive/15",
      )}
    >
      <label htmlFor={`${hintId}-input`} className="sr-only">
        Message
      </label>
      <textarea
        id={`${hintId}-input`}
        ref={ref}
        rows={1}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={onKeyDown}
        placeholder={placeholder}
        autoFocus={autoFocus}
        aria-invalid={over > 0 || undefined}
        aria-describedby={over > 0 ? `${hintId} ${errorId}` : hintId}
        data-testid="composer-input"
        className="block max-h-60 min-h-11 w-full resize-none bg-transparent px-4 pt-3 pb-1 text-sm leading-relaxed outline-none placeholder:text-muted-foreground focus-visible:outline-none"
      />
      <div className="flex items-center gap-3 px-3 pb-2.5">
        <p id={hintId} className="hidden min-w-0 flex-1 truncate text-[11px] text-muted-foreground sm:block">
          {busy ? "Esc to stop" : "Enter to send · Shift+Enter for a new line"}
        </p>
        <div className="ml-auto flex items-center gap-3">
          {showCounter ? (
            <span className={cn("text-[11px] tabular-nums", over > 0 ? "font-medium text-destructive" : "text-muted-foreground")} aria-live="polite">
              {value.length.toLocaleString("en")} / {MAX_MESSAGE_LENGTH.toLocaleString("en")}
            </span>
          ) : null}
          {busy ? (
            <Tip label="Stop generating" shortcut="Esc">
              <Button type="button" size="icon-sm" variant="secondary" className="rounded-full" onClick={onStop} aria-label="Stop generating" data-testid="composer-stop">
                <Square className="fill-current" />
              </Button>
            </Tip>
          ) : (
            <Tip label="Send" shortcut="Enter">
              <Button type="submit" size="icon-sm" className="rounded-full" disabled={!canSend} aria-label="Send message" data-testid="composer-send">
                <ArrowUp />
              </Button>
            </Tip>
          )}
        </div>
      </div>
      {over > 0 ? (
        <p id={errorId} role="alert" className="border-t border-destructive/20 px-4 py-2 text-xs text-destructive">
          This message is {over.toLocaleString("en")} {over === 1 ? "character" : "characters"} over the {MAX_MESSAGE_LENGTH.toLocaleString("en")}-character limit. Shorten it
          to send; your text stays here.
        </p>
      ) : null}
    </form>
  );
}
