import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { recordAudit } from "@/server/audit/record";
import { orgProcedure, router, scopedProcedure } from "@/server/api/trpc";
import { artifactBodySchema, type ArtifactBody, type ArtifactKind } from "./artifact";
import { ArtifactConflictError, ArtifactNotFoundError, saveEditedVersion } from "./artifacts";
import { nextRunAfter, readWeeklyCron, ScheduleInputError, weeklyCron } from "./schedules";
import { ARTIFACT_KINDS } from "./artifact";
import { getDispatcher } from "@/server/jobs/dispatcher";

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-12-24.");

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const updateTeamInput = z.object({
  key: z.string().min(1).max(20),
  timezone: z.string().refine(validTimeZone, "Use an IANA time zone such as Europe/Berlin.").optional(),
  sprintLengthDays: z.number().int().min(5, "Sprints are at least 5 days.").max(28, "Sprints are at most 28 days.").optional(),
  channel: z.string().trim().max(80).nullable().optional(),
  repos: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
});

export const updateMemberInput = z.object({
  id: z.string().min(1),
  availability: z.number().min(0, "Availability is between 0% and 100%.").max(1, "Availability is between 0% and 100%.").optional(),
  daysOff: z.array(isoDay).max(120).optional(),
});

export const createScheduleInput = z.object({
  teamKey: z.string().min(1).max(20),
  kind: z.enum(ARTIFACT_KINDS),
  weekday: z.number().int().min(0).max(6),
  time: z.string().regex(/^\d{1,2}:\d{2}$/, "Use a time like 15:00."),
  timezone: z.string().refine(validTimeZone, "Use an IANA time zone such as Europe/Berlin.").optional(),
});

function scheduleError(error: unknown): never {
  if (error instanceof ScheduleInputError) throw new TRPCError({ code: "BAD_REQUEST", message: error.message });
  throw error;
}

/** Conversations, artifacts and teams: what the planning chat reads and edits. */
export const planningRouter = router({
  conversations: scopedProcedure("chat:use")
    .input(z.object({ limit: z.number().int().min(1).max(200).default(100) }).optional())
    .query(({ ctx, input }) =>
      ctx.db.conversation.findMany({
        where: { userId: ctx.session.user.id },
        select: { id: true, title: true, kind: true, teamKey: true, updatedAt: true },
        orderBy: { updatedAt: "desc" },
        take: input?.limit ?? 100,
      }),
    ),

  conversation: scopedProcedure("chat:use")
    .input(z.object({ id: z.string().min(1) }))
    .query(async ({ ctx, input }) => {
      const conversation = await ctx.db.conversation.findFirst({
        where: { id: input.id, userId: ctx.session.user.id },
        include: {
          messages: { orderBy: { createdAt: "asc" } },
          artifacts: { select: { id: true, kind: true, title: true, teamKey: true, latestVersion: true, updatedAt: true }, orderBy: { updatedAt: "desc" } },
        },
      });
      if (!conversation) return null;
      return {
        id: conversation.id,
        title: conversation.title,
        kind: conversation.kind as ArtifactKind | null,
        teamKey: conversation.teamKey,
        messages: conversation.messages.map((m) => ({ id: m.id, role: m.role as "user" | "assistant" | "system", parts: m.parts, metadata: m.metadata })),
        artifacts: conversation.artifacts,
      };
    }),

  renameConversation: scopedProcedure("chat:use")
    .input(z.object({ id: z.string().min(1), title: z.string().trim().min(1, "Give the conversation a title.").max(120) }))
    .mutation(async ({ ctx, input }) => {
      const { count } = await ctx.db.conversation.updateMany({ where: { id: input.id, userId: ctx.session.user.id }, data: { title: input.title } });
      if (!count) throw new TRPCError({ code: "NOT_FOUND", message: "That conversation no longer exists." });
      return { id: input.id, title: input.title };
    }),

  deleteConversation: scopedProcedure("chat:use")
    .input(z.object({ id: z.string().min(1) }))
    .mutation(async ({ ctx, input }) => {
      // Artifacts outlive the conversation that made them (they may have been shared or scheduled).
      const { count } = await ctx.db.conversation.deleteMany({ where: { id: input.id, userId: ctx.session.user.id } });
      if (!count) throw new TRPCError({ code: "NOT_FOUND", message: "That conversation no longer exists." });
      return { id: input.id };
    }),

  artifacts: scopedProcedure("chat:use")
    .input(z.object({ limit: z.number().int().min(1).max(100).default(50) }).optional())
    .query(({ ctx, input }) =>
      ctx.db.artifact.findMany({
        select: { id: true, kind: true, title: true, teamKey: true, latestVersion: true, updatedAt: true, conversationId: true },
        orderBy: { updatedAt: "desc" },
        take: input?.limit ?? 50,
      }),
    ),

  artifact: scopedProcedure("chat:use")
    .input(z.object({ id: z.string().min(1), version: z.number().int().min(1).optional() }))
    .query(async ({ ctx, input }) => {
      const artifact = await ctx.db.artifact.findFirst({
        where: { id: input.id },
        include: { versions: { select: { number: true, createdAt: true, origin: true, authorId: true }, orderBy: { number: "desc" } } },
      });
      if (!artifact) return null;
      const number = input.version ?? artifact.latestVersion;
      const current = await ctx.db.artifactVersion.findFirst({ where: { artifactId: artifact.id, number } });
      if (!current) throw new TRPCError({ code: "NOT_FOUND", message: `Version ${number} does not exist.` });
      const authorIds = [...new Set(artifact.versions.map((v) => v.authorId).filter((x): x is string => Boolean(x)))];
      const authors = authorIds.length ? await ctx.db.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true, email: true } }) : [];
      const nameOf = (id: string | null) => {
        const u = authors.find((a) => a.id === id);
        return u ? (u.name ?? u.email) : null;
      };
      return {
        artifact: { id: artifact.id, kind: artifact.kind as ArtifactKind, title: artifact.title, teamKey: artifact.teamKey, conversationId: artifact.conversationId },
        latestNumber: artifact.latestVersion,
        versions: artifact.versions.map((v) => ({
          number: v.number,
          createdAt: v.createdAt.toISOString(),
          authorName: nameOf(v.authorId),
          origin: v.origin.toLowerCase() as "agent" | "edit" | "schedule",
        })),
        current: { number: current.number, body: current.body as unknown as ArtifactBody },
      };
    }),

  saveArtifactVersion: scopedProcedure("chat:use")
    .input(z.object({ artifactId: z.string().min(1), baseVersion: z.number().int().min(1), body: artifactBodySchema }))
    .mutation(async ({ ctx, input }) => {
      try {
        const saved = await saveEditedVersion(ctx.db, { ...input, organizationId: ctx.organization.id, userId: ctx.session.user.id });
        await recordAudit(ctx.db, {
          organizationId: ctx.organization.id,
          actorId: ctx.session.user.id,
          action: "artifact.edited",
          targetType: "Artifact",
          targetId: saved.artifactId,
          metadata: { version: saved.version, kind: saved.kind },
          requestId: ctx.requestId,
        });
        return saved;
      } catch (error) {
        if (error instanceof ArtifactConflictError) throw new TRPCError({ code: "CONFLICT", message: error.message });
        if (error instanceof ArtifactNotFoundError) throw new TRPCError({ code: "NOT_FOUND", message: error.message });
        throw error;
      }
    }),

  teams: orgProcedure.query(async ({ ctx }) => {
    const teams = await ctx.db.team.findMany({
      include: { members: { orderBy: { name: "asc" } }, schedules: { orderBy: { createdAt: "asc" } } },
      orderBy: { key: "asc" },
    });
    return teams.map((t) => ({
      id: t.id,
      key: t.key,
      name: t.name,
      timezone: t.timezone,
      sprintLengthDays: t.sprintLengthDays,
      channel: t.channel,
      repos: t.repos,
      leadName: t.leadName,
      members: t.members.map((m) => ({ id: m.id, name: m.name, availability: m.availability, daysOff: m.daysOff })),
      schedules: t.schedules.map((s) => ({
        id: s.id,
        kind: s.kind as ArtifactKind,
        cron: s.cron,
        weekly: readWeeklyCron(s.cron),
        timezone: s.timezone,
        enabled: s.enabled,
        nextRunAt: s.nextRunAt,
        lastRunAt: s.lastRunAt,
      })),
    }));
  }),

  updateTeam: scopedProcedure("teams:manage")
    .input(updateTeamInput)
    .mutation(async ({ ctx, input }) => {
      const { key, ...data } = input;
      const team = await ctx.db.team.findFirst({ where: { key } });
      if (!team) throw new TRPCError({ code: "NOT_FOUND", message: `There is no team ${key}.` });
      await ctx.db.team.update({ where: { id: team.id }, data });
      await recordAudit(ctx.db, { organizationId: ctx.organization.id, actorId: ctx.session.user.id, action: "team.updated", targetType: "Team", targetId: team.id, metadata: data, requestId: ctx.requestId });
      return { key };
    }),

  updateMember: scopedProcedure("teams:manage")
    .input(updateMemberInput)
    .mutation(async ({ ctx, input }) => {
      const { id, ...data } = input;
      const member = await ctx.db.teamMember.findFirst({ where: { id } });
      if (!member) throw new TRPCError({ code: "NOT_FOUND", message: "That team member no longer exists." });
      const daysOff = data.daysOff ? [...new Set(data.daysOff)].sort() : undefined;
      await ctx.db.teamMember.update({ where: { id }, data: { ...data, ...(daysOff ? { daysOff } : {}) } });
      await recordAudit(ctx.db, {
        organizationId: ctx.organization.id,
        actorId: ctx.session.user.id,
        action: "team.member_updated",
        targetType: "TeamMember",
        targetId: id,
        metadata: { availability: data.availability, daysOff: daysOff?.length },
        requestId: ctx.requestId,
      });
      return { id };
    }),

  createSchedule: scopedProcedure("teams:manage")
    .input(createScheduleInput)
    .mutation(async ({ ctx, input }) => {
      const team = await ctx.db.team.findFirst({ where: { key: input.teamKey } });
      if (!team) throw new TRPCError({ code: "NOT_FOUND", message: `There is no team ${input.teamKey}.` });
      const timezone = input.timezone ?? team.timezone;
      let cron: string;
      let nextRunAt: Date;
      try {
        cron = weeklyCron(input.weekday, input.time);
        nextRunAt = nextRunAfter(cron, timezone, new Date());
      } catch (error) {
        scheduleError(error);
      }
      const duplicate = await ctx.db.schedule.findFirst({ where: { teamId: team.id, kind: input.kind, cron, timezone } });
      if (duplicate) throw new TRPCError({ code: "CONFLICT", message: "This workflow is already scheduled for that team at that time." });
      const schedule = await ctx.db.schedule.create({
        data: { organizationId: ctx.organization.id, teamId: team.id, kind: input.kind, cron, timezone, createdById: ctx.session.user.id, nextRunAt },
      });
      await recordAudit(ctx.db, {
        organizationId: ctx.organization.id,
        actorId: ctx.session.user.id,
        action: "schedule.created",
        targetType: "Schedule",
        targetId: schedule.id,
        metadata: { team: team.key, kind: input.kind, cron, timezone },
        requestId: ctx.requestId,
      });
      return { id: schedule.id, nextRunAt };
    }),

  setScheduleEnabled: scopedProcedure("teams:manage")
    .input(z.object({ id: z.string().min(1), enabled: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const schedule = await ctx.db.schedule.findFirst({ where: { id: input.id } });
      if (!schedule) throw new TRPCError({ code: "NOT_FOUND", message: "That schedule no longer exists." });
      // Re-enabling starts from the next slot, not the ones missed while paused.
      const nextRunAt = input.enabled ? nextRunAfter(schedule.cron, schedule.timezone, new Date()) : schedule.nextRunAt;
      await ctx.db.schedule.update({ where: { id: schedule.id }, data: { enabled: input.enabled, nextRunAt } });
      await recordAudit(ctx.db, { organizationId: ctx.organization.id, actorId: ctx.session.user.id, action: input.enabled ? "schedule.resumed" : "schedule.paused", targetType: "Schedule", targetId: schedule.id, requestId: ctx.requestId });
      return { id: schedule.id, enabled: input.enabled, nextRunAt };
    }),

  deleteSchedule: scopedProcedure("teams:manage")
    .input(z.object({ id: z.string().min(1) }))
    .mutation(async ({ ctx, input }) => {
      const { count } = await ctx.db.schedule.deleteMany({ where: { id: input.id } });
      if (!count) throw new TRPCError({ code: "NOT_FOUND", message: "That schedule no longer exists." });
      await recordAudit(ctx.db, { organizationId: ctx.organization.id, actorId: ctx.session.user.id, action: "schedule.deleted", targetType: "Schedule", targetId: input.id, requestId: ctx.requestId });
      return { id: input.id };
    }),

  runScheduleNow: scopedProcedure("teams:manage")
    .input(z.object({ id: z.string().min(1) }))
    .mutation(async ({ ctx, input }) => {
      const schedule = await ctx.db.schedule.findFirst({ where: { id: input.id } });
      if (!schedule) throw new TRPCError({ code: "NOT_FOUND", message: "That schedule no longer exists." });
      const slot = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
      await getDispatcher().runWorkflow({ organizationId: ctx.organization.id, scheduleId: schedule.id, slot });
      return { id: schedule.id, slot };
    }),
});
