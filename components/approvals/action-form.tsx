"use client";

import { type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/utils";
import { type ValidationIssue } from "@/server/actions/catalogue/types";
import {
  type Choice,
  choiceIndex,
  choicesFor,
  type FieldSpec,
  fieldsOf,
  type FormOptions,
  getAt,
  initialValue,
  issuesAt,
  looseIssues,
  numberFromText,
  propertyControl,
  setAt,
  textFromList,
  textOf,
  valueFromText,
  withField,
} from "./form-fields";
import { FieldMessages, IssueList } from "./issues";

export interface ActionFormProps {
  kind: string;
  /** The input being edited; every change hands back a whole new input. */
  value: unknown;
  onChange(next: Record<string, unknown>): void;
  /** Client and server issues for this value, placed under their fields by `path`. */
  issues: readonly ValidationIssue[];
  /** Synced choices (sprints, people, channels, repositories); undefined while loading. */
  options?: FormOptions | undefined;
  /** The target's live state from the check (transitions, priorities, users…), when known. */
  state?: unknown;
  /** Prefix for element ids, unique on the page. */
  idPrefix: string;
  /** Escape closes the form (the edit is kept). */
  onClose(): void;
  /** The buttons under the fields. */
  footer?: ReactNode;
  className?: string;
}

const CONTROL_CLASS =
  "flex w-full min-w-0 rounded-md border border-input bg-background px-3 py-1.5 text-sm shadow-xs outline-none transition-colors focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring/30 aria-invalid:border-destructive";

/**
 * The typed edit form of one action: a field per schema field, selects where the choices are
 * known, messages under the fields. Internal fields are kept untouched; see form-fields.ts.
 */
export function ActionForm({ kind, value, onChange, issues, options, state, idPrefix, onClose, footer, className }: ActionFormProps) {
  const specs = fieldsOf(kind);
  const loose = looseIssues(issues, specs);
  const ctx = { kind, input: value, state, options };
  const groupRef = useRef<HTMLDivElement>(null);

  // Opening the form moves focus to its first field, so the keyboard continues where the eye goes.
  useEffect(() => {
    groupRef.current?.querySelector<HTMLElement>("input:not([type=checkbox]), select, textarea")?.focus();
  }, []);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key === "Escape" && !e.defaultPrevented) {
      e.stopPropagation();
      onClose();
    }
  }

  return (
    <div ref={groupRef} role="group" aria-label="Edit action" onKeyDown={onKeyDown} className={cn("space-y-3 rounded-lg border bg-muted/20 p-3", className)} data-testid="action-form">
      <IssueList issues={loose} />
      <div className="grid gap-3 sm:grid-cols-2">
        {specs.map((spec) => {
          const id = `${idPrefix}-${spec.path.replace(/\W+/g, "-")}`;
          const wide = spec.control === "textarea" || spec.control === "properties" || spec.control === "readonly";
          return (
            <div key={spec.path} className={cn("min-w-0", wide && "sm:col-span-2")}>
              <Field spec={spec} id={id} value={value} ctx={ctx} state={state} onChange={onChange} issues={issuesAt(issues, spec.path)} />
            </div>
          );
        })}
      </div>
      {footer ? <div className="flex flex-wrap items-center gap-2 border-t pt-3">{footer}</div> : null}
    </div>
  );
}

function FieldLabel({ htmlFor, children }: { htmlFor: string; children: ReactNode }) {
  return (
    <label htmlFor={htmlFor} className="mb-1 block text-xs font-medium text-muted-foreground">
      {children}
    </label>
  );
}

interface FieldProps {
  spec: FieldSpec;
  id: string;
  value: unknown;
  ctx: Parameters<typeof choicesFor>[1];
  state: unknown;
  onChange(next: Record<string, unknown>): void;
  issues: ValidationIssue[];
}

function Field({ spec, id, value, ctx, state, onChange, issues }: FieldProps) {
  const current = getAt(value, spec.path);
  const errorId = `${id}-error`;
  const helpId = `${id}-help`;
  const describedBy = [issues.length ? errorId : null, spec.help ? helpId : null].filter(Boolean).join(" ") || undefined;
  const a11y = { "aria-invalid": issues.length ? true : undefined, "aria-describedby": describedBy } as const;
  const set = (next: unknown, choice?: Choice) => onChange(withField(value, spec, next, choice));

  if (spec.control === "readonly") {
    const choices = spec.options ? choicesFor(spec, ctx) : null;
    const shown = choices?.[choiceIndex(choices, current)]?.label ?? textOf(current);
    return (
      <div>
        <p className="text-xs font-medium text-muted-foreground">{spec.label}</p>
        <p className="mt-0.5 truncate font-mono text-sm" title={textOf(current)}>
          {shown || "—"}
        </p>
        <FieldMessages issues={issues} id={errorId} />
      </div>
    );
  }

  if (spec.toggle) {
    const on = current !== undefined;
    return (
      <div>
        <label className="mb-1 flex items-center gap-2 text-xs font-medium text-muted-foreground">
          <input type="checkbox" className="size-3.5 accent-primary" checked={on} onChange={(e) => set(e.target.checked ? initialValue(spec, state) : undefined)} />
          Change {spec.label.toLowerCase()}
        </label>
        {on ? <Control spec={spec} id={id} current={current} ctx={ctx} set={set} a11y={a11y} /> : <p className="text-xs text-muted-foreground italic">Left as it is.</p>}
        {spec.help && on ? (
          <p id={helpId} className="mt-1 text-xs text-muted-foreground">
            {spec.help}
          </p>
        ) : null}
        <FieldMessages issues={issues} id={errorId} />
      </div>
    );
  }

  if (spec.control === "properties") {
    const properties = (current && typeof current === "object" ? current : {}) as Record<string, unknown>;
    const names = Object.keys(properties);
    return (
      <fieldset>
        <legend className="mb-1 text-xs font-medium text-muted-foreground">{spec.label}</legend>
        {names.length === 0 ? <p className="text-xs text-muted-foreground italic">This change sets no properties.</p> : null}
        <div className="grid gap-2 sm:grid-cols-2">
          {names.map((name) => {
            const pid = `${id}-${name.replace(/\W+/g, "-")}`;
            const path = `${spec.path}.${name}`;
            const own = issuesAt(issues, path);
            const setProperty = (next: unknown) => onChange(setAt(value, spec.path, { ...properties, [name]: next }));
            const control = propertyControl(properties[name]);
            return (
              <div key={name}>
                {control === "checkbox" ? (
                  <label className="flex items-center gap-2 text-sm">
                    <input id={pid} type="checkbox" className="size-4 accent-primary" checked={properties[name] === true} onChange={(e) => setProperty(e.target.checked)} />
                    {name}
                  </label>
                ) : (
                  <>
                    <FieldLabel htmlFor={pid}>{name}</FieldLabel>
                    {control === "number" ? (
                      <BufferedInput id={pid} initial={textOf(properties[name])} inputMode="decimal" onText={(t) => setProperty(numberFromText(t, null))} invalid={own.length > 0} />
                    ) : (
                      <Input id={pid} value={textOf(properties[name])} onChange={(e) => setProperty(e.target.value === "" ? null : e.target.value)} aria-invalid={own.length ? true : undefined} />
                    )}
                  </>
                )}
                <FieldMessages issues={own} id={`${pid}-error`} />
              </div>
            );
          })}
        </div>
        <FieldMessages issues={issues.filter((i) => i.path === spec.path)} id={errorId} />
      </fieldset>
    );
  }

  return (
    <div>
      <FieldLabel htmlFor={id}>{spec.label}</FieldLabel>
      <Control spec={spec} id={id} current={current} ctx={ctx} set={set} a11y={a11y} />
      {spec.help ? (
        <p id={helpId} className="mt-1 text-xs text-muted-foreground">
          {spec.help}
        </p>
      ) : null}
      <FieldMessages issues={issues} id={errorId} />
    </div>
  );
}

interface ControlProps {
  spec: FieldSpec;
  id: string;
  current: unknown;
  ctx: Parameters<typeof choicesFor>[1];
  set(next: unknown, choice?: Choice): void;
  a11y: { "aria-invalid": true | undefined; "aria-describedby": string | undefined };
}

function Control({ spec, id, current, ctx, set, a11y }: ControlProps) {
  switch (spec.control) {
    case "select": {
      const choices = choicesFor(spec, ctx);
      if (!choices) {
        // Choices come from the tool; until it answers, the value can still be typed.
        return (
          <>
            <Input id={id} value={textOf(current)} onChange={(e) => set(valueFromText(spec, e.target.value))} {...a11y} />
            <p className="mt-1 text-xs text-muted-foreground">The choices appear once the tool answers; you can type the exact value meanwhile.</p>
          </>
        );
      }
      const index = choiceIndex(choices, current);
      return (
        <select
          id={id}
          className={cn(CONTROL_CLASS, "h-9")}
          value={index >= 0 ? String(index) : ""}
          onChange={(e) => {
            const choice = choices[Number(e.target.value)];
            if (choice) set(choice.value, choice);
          }}
          {...a11y}
        >
          {index < 0 ? (
            <option value="" disabled>
              Pick {spec.label.toLowerCase()}…
            </option>
          ) : null}
          {choices.map((c, i) => (
            <option key={i} value={String(i)} disabled={c.disabled && i !== index}>
              {c.hint ? `${c.label} (${c.hint})` : c.label}
            </option>
          ))}
        </select>
      );
    }
    case "textarea": {
      const text = textOf(current);
      const rows = Math.min(14, Math.max(3, text.split("\n").length + 1));
      return <textarea id={id} className={cn(CONTROL_CLASS, "min-h-20 resize-y font-mono text-[13px] leading-relaxed")} rows={rows} value={text} onChange={(e) => set(valueFromText(spec, e.target.value))} {...a11y} />;
    }
    case "number":
      return <BufferedInput id={id} initial={textOf(current)} inputMode="decimal" onText={(t) => set(valueFromText(spec, t))} invalid={a11y["aria-invalid"] === true} describedBy={a11y["aria-describedby"]} />;
    case "list":
      return <BufferedInput id={id} initial={textFromList(current)} onText={(t) => set(valueFromText(spec, t))} invalid={a11y["aria-invalid"] === true} describedBy={a11y["aria-describedby"]} />;
    case "date":
      return <Input id={id} type="date" value={textOf(current)} onChange={(e) => set(valueFromText(spec, e.target.value))} className="w-44" {...a11y} />;
    default:
      return <Input id={id} value={textOf(current)} onChange={(e) => set(valueFromText(spec, e.target.value))} {...a11y} />;
  }
}

/**
 * An input that keeps what is typed ("1.", "a, ") while handing the parsed value up on every
 * keystroke; re-mounted (by key) when the value is reset from outside.
 */
function BufferedInput({ id, initial, onText, invalid, describedBy, inputMode }: { id: string; initial: string; onText(text: string): void; invalid?: boolean; describedBy?: string | undefined; inputMode?: "decimal" }) {
  const [text, setText] = useState(initial);
  return (
    <Input
      id={id}
      value={text}
      inputMode={inputMode}
      onChange={(e) => {
        setText(e.target.value);
        onText(e.target.value);
      }}
      aria-invalid={invalid ? true : undefined}
      aria-describedby={describedBy}
    />
  );
}
