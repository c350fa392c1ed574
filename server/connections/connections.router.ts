import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { recordAudit } from "@/server/audit/record";
import { router, scopedProcedure } from "@/server/api/trpc";
import { getDb } from "@/server/db/client";
import { ConnectorError, describeConnectorError } from "@/server/connectors/errors";
import { TOOL_NAMES } from "@/server/connectors/registry";
import { getDispatcher } from "@/server/jobs/dispatcher";
import { encryptJson } from "@/server/connectors/crypto";
import { type Credentials } from "@/server/connectors/types";
import { Tool } from "@/server/db/generated/enums";
import { startOAuth } from "./oauth/flow";
import { availableOAuth } from "./oauth/providers";
import { openConnection, resetResilience, testCredentials } from "./open-connection";

const connectionId = z.object({ connectionId: z.string().min(1).max(40) });

/** Fields safe to show any member: never credentials. */
const PUBLIC_FIELDS = {
  id: true,
  tool: true,
  name: true,
  baseUrl: true,
  authKind: true,
  externalAccountName: true,
  scopes: true,
  status: true,
  statusMessage: true,
  lastSyncAt: true,
  lastSyncError: true,
  createdAt: true,
} as const;

export const connectionsRouter = router({
  list: scopedProcedure("connections:view").query(async ({ ctx }) => {
    const connections = await ctx.db.connection.findMany({ select: PUBLIC_FIELDS, orderBy: { tool: "asc" } });
    const runs = await Promise.all(
      connections.map((c) => ctx.db.syncRun.findFirst({ where: { connectionId: c.id }, orderBy: { createdAt: "desc" } })),
    );
    const counts = await Promise.all(
      connections.map(async (c) => {
        const where = { connectionId: c.id };
        const [workItems, pullRequests, documents, messages] = await Promise.all([
          ctx.db.workItem.count({ where }),
          ctx.db.pullRequest.count({ where }),
          ctx.db.document.count({ where }),
          ctx.db.message.count({ where }),
        ]);
        return { workItems, pullRequests, documents, messages };
      }),
    );
    return connections.map((c, i) => ({ ...c, latestRun: runs[i] ?? null, counts: counts[i]! }));
  }),

  /** How each tool can be connected in this deployment (OAuth to the cloud, to the sandbox). */
  connectOptions: scopedProcedure("connections:manage").query(() => ({ oauth: availableOAuth(), sandbox: Boolean(process.env.SANDBOX_URL) })),

  /** Starts an OAuth connection; the browser goes to the returned URL. */
  startOAuth: scopedProcedure("connections:manage")
    .input(z.object({ tool: z.enum(Tool), target: z.enum(["cloud", "sandbox"]) }))
    .mutation(async ({ ctx, input }) => {
      try {
        const url = await startOAuth(ctx.rootDb, {
          organizationId: ctx.organization.id,
          userId: ctx.session.user.id,
          tool: input.tool,
          target: input.target,
          appUrl: process.env.NEXTAUTH_URL ?? "http://localhost:3000",
        });
        return { url };
      } catch (e) {
        if (e instanceof ConnectorError) throw new TRPCError({ code: "BAD_REQUEST", message: e.message });
        throw e;
      }
    }),

  /** Connects with an API token: checked against the tool before anything is stored. */
  connectWithToken: scopedProcedure("connections:manage")
    .input(
      z.object({
        tool: z.enum(Tool),
        baseUrl: z.url({ message: "Enter the API's full URL, e.g. https://api.github.com" }),
        token: z.string().trim().min(8, "Paste the whole token."),
        email: z.email("Jira API tokens need the account's email address.").optional(),
        accountId: z.string().trim().min(1, "Name the account: the Jira cloud id, GitHub organisation, Notion workspace or Slack team.").max(120),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      if (input.tool === "JIRA" && !input.email) throw new TRPCError({ code: "BAD_REQUEST", message: "Jira API tokens need the account's email address." });
      const credentials: Credentials = { kind: "api_token", token: input.token, ...(input.email ? { email: input.email } : {}) };
      const data = {
        name: `${TOOL_NAMES[input.tool]} · ${input.accountId}`,
        baseUrl: input.baseUrl,
        authKind: "API_TOKEN" as const,
        externalAccountName: input.accountId,
        encryptedCredentials: encryptJson(credentials),
        status: "ACTIVE" as const,
        statusMessage: null,
        lastSyncError: null,
      };
      let check;
      try {
        check = await testCredentials(getDb(), { organizationId: ctx.organization.id, userId: ctx.session.user.id, tool: input.tool, baseUrl: input.baseUrl, externalAccountId: input.accountId, credentials });
      } catch (e) {
        const error = e instanceof ConnectorError ? e : new ConnectorError("unavailable", String(e));
        throw new TRPCError({ code: "BAD_REQUEST", message: describeConnectorError(error, TOOL_NAMES[input.tool]) });
      }
      const connection = await ctx.db.connection.upsert({
        where: { organizationId_tool_externalAccountId: { organizationId: ctx.organization.id, tool: input.tool, externalAccountId: input.accountId } },
        create: { ...data, scopes: check.scopes, organizationId: ctx.organization.id, tool: input.tool, externalAccountId: input.accountId, createdById: ctx.session.user.id },
        update: { ...data, scopes: check.scopes },
      });
      resetResilience(connection.id);
      await recordAudit(ctx.db, { organizationId: ctx.organization.id, actorId: ctx.session.user.id, action: "connection.connected", targetType: "Connection", targetId: connection.id, metadata: { tool: input.tool, via: "api_token" }, requestId: ctx.requestId });
      const run = await ctx.db.syncRun.create({ data: { organizationId: ctx.organization.id, connectionId: connection.id, kind: "FULL", trigger: "connect" } });
      await getDispatcher().requestSync({ organizationId: ctx.organization.id, connectionId: connection.id, syncRunId: run.id, kind: "FULL", trigger: "connect" });
      return { connectionId: connection.id };
    }),

  /** Queues a sync; the page follows the run's progress through `list`. */
  syncNow: scopedProcedure("connections:manage")
    .input(connectionId.extend({ full: z.boolean().default(false) }))
    .mutation(async ({ ctx, input }) => {
      const connection = await ctx.db.connection.findFirst({ where: { id: input.connectionId } });
      if (!connection) throw new TRPCError({ code: "NOT_FOUND", message: "That connection does not exist in your organisation." });
      if (connection.status === "DISCONNECTED") throw new TRPCError({ code: "BAD_REQUEST", message: `${TOOL_NAMES[connection.tool]} is disconnected. Connect it again to sync.` });
      const busy = await ctx.db.syncRun.findFirst({ where: { connectionId: connection.id, status: { in: ["QUEUED", "RUNNING"] } } });
      if (busy) return { syncRunId: busy.id, alreadyRunning: true };
      const run = await ctx.db.syncRun.create({ data: { organizationId: ctx.organization.id, connectionId: connection.id, kind: input.full ? "FULL" : "INCREMENTAL", trigger: "manual" } });
      await getDispatcher().requestSync({ organizationId: ctx.organization.id, connectionId: connection.id, syncRunId: run.id, kind: input.full ? "FULL" : undefined, trigger: "manual" });
      await recordAudit(ctx.db, { organizationId: ctx.organization.id, actorId: ctx.session.user.id, action: "connection.sync_requested", targetType: "Connection", targetId: connection.id, metadata: { tool: connection.tool }, requestId: ctx.requestId });
      return { syncRunId: run.id, alreadyRunning: false };
    }),

  /** Checks the credentials against the tool now. */
  test: scopedProcedure("connections:manage")
    .input(connectionId)
    .mutation(async ({ ctx, input }) => {
      const connection = await ctx.db.connection.findFirst({ where: { id: input.connectionId }, select: { id: true, tool: true, status: true } });
      if (!connection) throw new TRPCError({ code: "NOT_FOUND", message: "That connection does not exist in your organisation." });
      if (connection.status === "DISCONNECTED") throw new TRPCError({ code: "BAD_REQUEST", message: "This connection is disconnected." });
      const opened = await openConnection(getDb(), { organizationId: ctx.organization.id, connectionId: connection.id, userId: ctx.session.user.id });
      try {
        const check = await opened.connector.test();
        return { ok: true as const, ...check };
      } catch (e) {
        const error = e instanceof ConnectorError ? e : new ConnectorError("unavailable", String(e));
        return { ok: false as const, message: describeConnectorError(error, TOOL_NAMES[connection.tool]), kind: error.kind };
      } finally {
        await opened.recorder.flush();
      }
    }),

  /** Disconnects: the tokens are deleted; synced data stays, marked as from a disconnected tool. */
  disconnect: scopedProcedure("connections:manage")
    .input(connectionId)
    .mutation(async ({ ctx, input }) => {
      const connection = await ctx.db.connection.findFirst({ where: { id: input.connectionId } });
      if (!connection) throw new TRPCError({ code: "NOT_FOUND", message: "That connection does not exist in your organisation." });
      await ctx.db.connection.update({ where: { id: connection.id }, data: { status: "DISCONNECTED", encryptedCredentials: "", statusMessage: "Disconnected: tokens deleted." } });
      await recordAudit(ctx.db, { organizationId: ctx.organization.id, actorId: ctx.session.user.id, action: "connection.disconnected", targetType: "Connection", targetId: connection.id, metadata: { tool: connection.tool }, requestId: ctx.requestId });
      return { ok: true };
    }),

  /** Synced items of one kind, newest first, each with its link to the source. */
  items: scopedProcedure("connections:view")
    .input(z.object({ kind: z.enum(["workItems", "pullRequests", "documents", "messages"]), search: z.string().trim().max(100).optional(), limit: z.number().int().min(1).max(100).default(25) }))
    .query(async ({ ctx, input }) => {
      const q = input.search ? { contains: input.search, mode: "insensitive" as const } : undefined;
      switch (input.kind) {
        case "workItems":
          return (
            await ctx.db.workItem.findMany({ where: q ? { OR: [{ title: q }, { key: q }] } : {}, orderBy: { updatedAt: "desc" }, take: input.limit })
          ).map((w) => ({ id: w.id, ref: w.key, title: w.title, meta: `${w.type} · ${w.status}${w.storyPoints != null ? ` · ${w.storyPoints} pts` : ""}`, who: w.assigneeName, url: w.url, at: w.updatedAt }));
        case "pullRequests":
          return (await ctx.db.pullRequest.findMany({ where: q ? { title: q } : {}, orderBy: { updatedAt: "desc" }, take: input.limit })).map((p) => ({
            id: p.id,
            ref: `${p.repo}#${p.number}`,
            title: p.title,
            meta: p.state,
            who: p.authorLogin,
            url: p.url,
            at: p.updatedAt,
          }));
        case "documents":
          return (await ctx.db.document.findMany({ where: q ? { title: q } : {}, orderBy: { updatedAt: "desc" }, take: input.limit })).map((d) => ({
            id: d.id,
            ref: d.kind === "page" ? "Page" : "Row",
            title: d.title,
            meta: `${d.text.length.toLocaleString("en")} characters`,
            who: null,
            url: d.url,
            at: d.updatedAt,
          }));
        case "messages":
          return (await ctx.db.message.findMany({ where: q ? { text: q } : {}, orderBy: { postedAt: "desc" }, take: input.limit })).map((m) => ({
            id: m.id,
            ref: m.channelName ? `#${m.channelName}` : m.channelId,
            title: m.text.slice(0, 160),
            meta: m.threadTs ? "thread reply" : m.replyCount ? `${m.replyCount} replies` : "message",
            who: m.authorName,
            url: m.url,
            at: m.postedAt,
          }));
      }
    }),
});
