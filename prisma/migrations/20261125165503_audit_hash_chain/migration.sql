-- AlterTable
-- Added nullable first so existing events can be chained below; made required after the backfill.
ALTER TABLE "AuditEvent" ADD COLUMN     "hash" TEXT,
ADD COLUMN     "prevHash" TEXT,
ADD COLUMN     "seq" INTEGER;

-- Backfill (hand-written): chain the events recorded before this migration, per organisation in
-- ("organizationId", "createdAt", "id") order. The canonical form must match hashEvent() in
-- server/audit/chain.ts byte for byte: compact JSON, object keys sorted by code point, numbers as
-- plain decimals. sha256(bytea) is built into Postgres (11+) and PGlite.
CREATE FUNCTION "audit_canonical_json"(value jsonb) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    CASE jsonb_typeof(value)
        WHEN 'object' THEN
            RETURN '{' || coalesce((
                SELECT string_agg(to_jsonb(e.key)::text || ':' || "audit_canonical_json"(e.value), ',' ORDER BY e.key COLLATE "C")
                FROM jsonb_each(value) AS e
            ), '') || '}';
        WHEN 'array' THEN
            RETURN '[' || coalesce((
                SELECT string_agg("audit_canonical_json"(a.value), ',' ORDER BY a.position)
                FROM jsonb_array_elements(value) WITH ORDINALITY AS a(value, position)
            ), '') || ']';
        WHEN 'number' THEN
            RETURN trim_scale(value::numeric)::text;
        ELSE
            RETURN value::text;
    END CASE;
END;
$$;

ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_reject_update";

DO $$
DECLARE
    event RECORD;
    current_org TEXT := NULL;
    next_seq INTEGER := 0;
    previous TEXT := NULL;
    digest TEXT;
BEGIN
    FOR event IN
        SELECT * FROM "AuditEvent" ORDER BY "organizationId", "createdAt", "id"
    LOOP
        IF current_org IS DISTINCT FROM event."organizationId" THEN
            current_org := event."organizationId";
            next_seq := 0;
            previous := NULL;
        END IF;
        next_seq := next_seq + 1;
        digest := encode(sha256(convert_to("audit_canonical_json"(jsonb_build_object(
            'organizationId', event."organizationId",
            'seq', next_seq,
            'actorId', event."actorId",
            'action', event."action",
            'targetType', event."targetType",
            'targetId', event."targetId",
            'metadata', event."metadata",
            'requestId', event."requestId",
            'ip', event."ip",
            'createdAt', to_char(event."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            'prevHash', previous
        )), 'UTF8')), 'hex');
        UPDATE "AuditEvent" SET "seq" = next_seq, "prevHash" = previous, "hash" = digest WHERE "id" = event."id";
        previous := digest;
    END LOOP;
END;
$$;

ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_reject_update";

DROP FUNCTION "audit_canonical_json"(jsonb);

ALTER TABLE "AuditEvent" ALTER COLUMN "hash" SET NOT NULL,
ALTER COLUMN "seq" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_organizationId_seq_key" ON "AuditEvent"("organizationId", "seq");
