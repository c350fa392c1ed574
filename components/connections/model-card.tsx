"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type inferRouterInputs, type inferRouterOutputs } from "@trpc/server";
import { formatDistanceToNow } from "date-fns";
import { AlertTriangle, Cpu, Loader2 } from "lucide-react";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/lib/trpc/react";
import { cn } from "@/lib/utils";
import { type AppRouter } from "@/server/api/root";

type CurrentModel = inferRouterOutputs<AppRouter>["models"]["current"];
type SetModelInput = inferRouterInputs<AppRouter>["models"]["set"];
type Provider = SetModelInput["provider"];

export const PROVIDERS: readonly { id: Provider; label: string; hint: string }[] = [
  { id: "BUILTIN", label: "Built-in planner", hint: "Deterministic. Runs the four planning workflows; no free-form chat." },
  { id: "OPENAI", label: "OpenAI", hint: "Free-form chat through OpenAI's API with your key." },
  { id: "OPENAI_COMPATIBLE", label: "OpenAI-compatible server", hint: "Any server with OpenAI's chat API: vLLM, Ollama, a hosted fine-tune." },
];

export function providerLabel(provider: Provider): string {
  return PROVIDERS.find((p) => p.id === provider)?.label ?? provider;
}

/** What the form holds; `apiKey` is only ever what the admin typed, never the stored key. */
export interface ModelDraft {
  provider: Provider;
  modelId: string;
  baseUrl: string;
  apiKey: string;
}

/**
 * The `models.set` input for a draft. An empty key is left out, which keeps the stored one; fields
 * another provider uses are dropped so they never reach the server.
 */
export function toSetModelInput(draft: ModelDraft): SetModelInput {
  const apiKey = draft.apiKey.trim() || undefined;
  if (draft.provider === "OPENAI") return { provider: "OPENAI", modelId: draft.modelId.trim(), ...(apiKey ? { apiKey } : {}) };
  if (draft.provider === "OPENAI_COMPATIBLE") return { provider: "OPENAI_COMPATIBLE", modelId: draft.modelId.trim(), baseUrl: draft.baseUrl.trim(), ...(apiKey ? { apiKey } : {}) };
  return { provider: "BUILTIN" };
}

/** Whether two inputs choose the same model; a typed key always counts as a change. */
export function sameChoice(a: SetModelInput, b: SetModelInput): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The key field's placeholder: a stored key is kept unless replaced, and only for the provider that stored it. */
export function apiKeyPlaceholder(current: Pick<CurrentModel, "provider" | "hasApiKey">, provider: Provider): string {
  if (current.provider === provider && current.hasApiKey) return "stored — leave empty to keep";
  return provider === "OPENAI" ? "sk-…" : "Optional";
}

type FieldErrors = Partial<Record<string, string[]>>;

/** The zod field errors the API's error formatter attaches to invalid input; none otherwise. */
function fieldErrorsOf(error: { data?: { fieldErrors?: FieldErrors | null } | null } | null): FieldErrors {
  return error?.data?.fieldErrors ?? {};
}

function hasAny(errors: FieldErrors): boolean {
  return Object.values(errors).some((m) => Boolean(m?.length));
}

/** The model's setting as a fresh draft: what the form starts from and returns to. */
function draftFrom(current: CurrentModel): ModelDraft {
  return { provider: current.provider, modelId: current.modelId ?? "", baseUrl: current.baseUrl ?? "", apiKey: "" };
}

/** Which language model answers in the chat; admins with `models:manage` choose it. */
export function ModelCard({ canManageModel }: { canManageModel: boolean }) {
  const trpc = useTRPC();
  const current = useQuery(trpc.models.current.queryOptions());

  return (
    <Card data-testid="model-card">
      <CardHeader className="flex-row items-start gap-3">
        <div className="flex size-8 shrink-0 items-center justify-center rounded-lg bg-primary/10">
          <Cpu className="size-4 text-primary" aria-hidden />
        </div>
        <div className="min-w-0">
          <CardTitle>Language model</CardTitle>
          <CardDescription className="mt-1">
            Who answers in the chat. Plans, forecasts and risk scores always come from the planning engine, whichever model writes the words.
          </CardDescription>
        </div>
      </CardHeader>
      {current.isPending ? (
        <CardContent className="space-y-2">
          <Skeleton className="h-5 w-64" />
          <Skeleton className="h-4 w-40" />
        </CardContent>
      ) : current.error ? (
        <CardContent>
          <p className="text-sm text-destructive">We couldn&apos;t load the model setting: {current.error.message}</p>
        </CardContent>
      ) : (
        <>
          <CardContent>
            <CurrentModelSummary current={current.data} />
            {!canManageModel ? <p className="mt-3 text-xs text-muted-foreground">Admins choose the model for the organisation.</p> : null}
          </CardContent>
          {canManageModel ? <ModelForm key={`${current.data.provider}:${current.data.modelId}:${current.data.baseUrl}`} current={current.data} /> : null}
        </>
      )}
    </Card>
  );
}

function CurrentModelSummary({ current }: { current: CurrentModel }) {
  const broken = current.provider !== "BUILTIN" && !current.freeForm;
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2" data-testid="current-model">
      <span className="text-sm">
        <span className="text-muted-foreground">Answering now: </span>
        <span className="font-medium">{current.label}</span>
      </span>
      {/* The other labels already name their provider. */}
      {current.provider === "OPENAI_COMPATIBLE" ? <Badge variant="secondary">{providerLabel(current.provider)}</Badge> : null}
      {broken ? (
        <Badge variant="warning">
          <AlertTriangle /> Not usable
        </Badge>
      ) : current.freeForm ? (
        <Badge variant="success">Free-form chat</Badge>
      ) : (
        <Badge variant="outline">Workflows only</Badge>
      )}
      {current.updatedAt ? <span className="text-xs text-muted-foreground">Changed {formatDistanceToNow(current.updatedAt, { addSuffix: true })}</span> : null}
    </div>
  );
}

function ModelForm({ current }: { current: CurrentModel }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [draft, setDraft] = useState<ModelDraft>(() => draftFrom(current));
  const save = useMutation(
    trpc.models.set.mutationOptions({
      onSuccess: (_r, input) => {
        toast.success(input.provider === "BUILTIN" ? "The built-in planner answers from now on" : `${input.provider === "OPENAI" ? "OpenAI " : ""}${input.modelId} answers from now on`);
        setDraft((d) => ({ ...d, apiKey: "" }));
        void queryClient.invalidateQueries({ queryKey: trpc.models.current.queryKey() });
      },
      onError: (e) => toast.error(hasAny(fieldErrorsOf(e)) ? "Check the highlighted fields." : (e.data?.formErrors?.[0] ?? e.message)),
    }),
  );
  const fieldErrors = fieldErrorsOf(save.error);
  const hasFieldErrors = hasAny(fieldErrors);
  // With field errors the message only repeats them (as JSON); they show beside their fields instead.
  const formError = save.error?.data?.formErrors?.[0] ?? (save.error && !hasFieldErrors ? save.error.message : null);
  const set = (patch: Partial<ModelDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const dirty = !sameChoice(toSetModelInput(draft), toSetModelInput(draftFrom(current)));

  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate(toSetModelInput(draft));
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Choose the language model">
      <CardContent className="space-y-4 border-t pt-4">
        <div role="radiogroup" aria-label="Provider" className="grid gap-2 sm:grid-cols-3">
          {PROVIDERS.map((p) => (
            <button
              key={p.id}
              type="button"
              role="radio"
              aria-checked={draft.provider === p.id}
              onClick={() => set({ provider: p.id })}
              disabled={save.isPending}
              className={cn(
                "flex flex-col items-start justify-start rounded-lg border p-3 text-left outline-none transition-colors focus-visible:ring-2 focus-visible:ring-ring/50 disabled:opacity-60",
                draft.provider === p.id ? "border-primary bg-primary/5" : "hover:bg-accent",
              )}
            >
              <span className="block text-sm font-medium">{p.label}</span>
              <span className="mt-0.5 block text-xs text-muted-foreground">{p.hint}</span>
            </button>
          ))}
        </div>

        {draft.provider !== "BUILTIN" ? (
          <div className="grid gap-3 sm:grid-cols-2">
            {draft.provider === "OPENAI_COMPATIBLE" ? (
              <Field id={`${id}-base`} label="Base URL" error={fieldErrors.baseUrl?.[0]} hint="The server's OpenAI-style endpoint, ending in /v1." className="sm:col-span-2">
                <Input
                  id={`${id}-base`}
                  value={draft.baseUrl}
                  onChange={(e) => set({ baseUrl: e.target.value })}
                  placeholder="http://vllm.internal:8000/v1"
                  inputMode="url"
                  spellCheck={false}
                  autoComplete="off"
                  aria-invalid={Boolean(fieldErrors.baseUrl)}
                  disabled={save.isPending}
                />
              </Field>
            ) : null}
            <Field id={`${id}-model`} label="Model id" error={fieldErrors.modelId?.[0]} hint={draft.provider === "OPENAI" ? "As OpenAI names it." : "As the server names it, e.g. the fine-tune's id."}>
              <Input
                id={`${id}-model`}
                value={draft.modelId}
                onChange={(e) => set({ modelId: e.target.value })}
                placeholder={draft.provider === "OPENAI" ? "gpt-4.1" : "llama-3.1-8b-instruct"}
                spellCheck={false}
                autoComplete="off"
                aria-invalid={Boolean(fieldErrors.modelId)}
                disabled={save.isPending}
              />
            </Field>
            <Field
              id={`${id}-key`}
              label={draft.provider === "OPENAI" ? "API key" : "API key (optional)"}
              error={fieldErrors.apiKey?.[0]}
              hint="Encrypted at rest and never shown again."
            >
              <Input
                id={`${id}-key`}
                type="password"
                value={draft.apiKey}
                onChange={(e) => set({ apiKey: e.target.value })}
                placeholder={apiKeyPlaceholder(current, draft.provider)}
                autoComplete="new-password"
                spellCheck={false}
                aria-invalid={Boolean(fieldErrors.apiKey)}
                disabled={save.isPending}
              />
            </Field>
          </div>
        ) : null}

        {formError ? (
          <p role="alert" className="rounded-md bg-destructive/10 p-2 text-sm text-destructive">
            {formError}
          </p>
        ) : null}
      </CardContent>
      <CardFooter className="justify-end gap-2">
        <Button type="button" variant="ghost" size="sm" disabled={save.isPending || (!dirty && !save.error)} onClick={() => (setDraft(draftFrom(current)), save.reset())}>
          Reset
        </Button>
        <Button type="submit" size="sm" disabled={save.isPending || !dirty}>
          {save.isPending ? <Loader2 className="animate-spin" /> : null} Save
        </Button>
      </CardFooter>
    </form>
  );
}

function Field({ id, label, hint, error, className, children }: { id: string; label: string; hint?: string; error?: string; className?: string; children: ReactNode }) {
  return (
    <div className={cn("grid content-start gap-1.5", className)}>
      <Label htmlFor={id}>{label}</Label>
      {children}
      {error ? <p className="text-xs text-destructive">{error}</p> : hint ? <p className="text-xs text-muted-foreground">{hint}</p> : null}
    </div>
  );
}
