import { type ArtifactOrigin } from "@/server/db/generated/enums";
import { type TenantDb } from "@/server/db/tenant";
import { artifactBodySchema, type ArtifactBody, type ArtifactKind } from "./artifact";

export class ArtifactConflictError extends Error {
  constructor(readonly latest: number) {
    super(`A newer version (v${latest}) was saved while you were editing. Open it, then apply your changes again.`);
    this.name = "ArtifactConflictError";
  }
}

export class ArtifactNotFoundError extends Error {
  constructor() {
    super("This artifact does not exist or belongs to another organisation.");
    this.name = "ArtifactNotFoundError";
  }
}

export interface SavedVersion {
  artifactId: string;
  kind: ArtifactKind;
  title: string;
  version: number;
}

/**
 * Saves what a workflow produced. Within a conversation, a second run of the same workflow for the
 * same team (a regenerate, a follow-up) adds a version to the artifact it made before rather than
 * scattering copies; elsewhere (a schedule) it starts a new artifact.
 */
export async function saveGeneratedArtifact(
  db: TenantDb,
  input: { organizationId: string; kind: ArtifactKind; teamKey: string | null; body: ArtifactBody; conversationId: string | null; userId: string | null; origin: ArtifactOrigin; modelCallId?: string | null },
): Promise<SavedVersion> {
  const body = artifactBodySchema.parse(input.body);
  return db.$transaction(async (tx) => {
    const existing = input.conversationId
      ? await tx.artifact.findFirst({ where: { conversationId: input.conversationId, kind: input.kind, teamKey: input.teamKey }, orderBy: { createdAt: "desc" } })
      : null;
    if (existing) {
      const updated = await tx.artifact.update({ where: { id: existing.id }, data: { latestVersion: { increment: 1 }, title: body.title } });
      await tx.artifactVersion.create({
        data: { organizationId: input.organizationId, artifactId: existing.id, number: updated.latestVersion, body, origin: input.origin, authorId: input.userId, modelCallId: input.modelCallId ?? null },
      });
      return { artifactId: existing.id, kind: input.kind, title: body.title, version: updated.latestVersion };
    }
    const created = await tx.artifact.create({
      data: { organizationId: input.organizationId, kind: input.kind, teamKey: input.teamKey, title: body.title, conversationId: input.conversationId, createdById: input.userId, latestVersion: 1 },
    });
    await tx.artifactVersion.create({
      data: { organizationId: input.organizationId, artifactId: created.id, number: 1, body, origin: input.origin, authorId: input.userId, modelCallId: input.modelCallId ?? null },
    });
    return { artifactId: created.id, kind: input.kind, title: body.title, version: 1 };
  });
}

/**
 * Saves a person's edit as a new version. `baseVersion` is the version they edited: if someone
 * saved after it, nothing is written and the caller learns which version is newer.
 */
export async function saveEditedVersion(db: TenantDb, input: { organizationId: string; artifactId: string; baseVersion: number; body: ArtifactBody; userId: string }): Promise<SavedVersion> {
  const body = artifactBodySchema.parse(input.body);
  return db.$transaction(async (tx) => {
    const artifact = await tx.artifact.findFirst({ where: { id: input.artifactId } });
    if (!artifact) throw new ArtifactNotFoundError();
    // Conditional increment: only one of two concurrent saves of the same base version wins.
    const bumped = await tx.artifact.updateMany({
      where: { id: artifact.id, latestVersion: input.baseVersion },
      data: { latestVersion: { increment: 1 }, title: body.title },
    });
    if (bumped.count === 0) {
      const latest = await tx.artifact.findFirst({ where: { id: artifact.id }, select: { latestVersion: true } });
      throw new ArtifactConflictError(latest?.latestVersion ?? artifact.latestVersion);
    }
    const number = input.baseVersion + 1;
    await tx.artifactVersion.create({ data: { organizationId: input.organizationId, artifactId: artifact.id, number, body, origin: "EDIT", authorId: input.userId } });
    return { artifactId: artifact.id, kind: artifact.kind as ArtifactKind, title: body.title, version: number };
  });
}
