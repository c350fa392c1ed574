/**
 * `npm run connections:reseal`: after rotating TOKEN_ENCRYPTION_KEY (old key moved to
 * TOKEN_ENCRYPTION_PREVIOUS_KEYS), re-seals every stored credential under the new key. Safe to run
 * again; prints counts only, never a token.
 */
import { existsSync } from "node:fs";
import { createPrismaClient } from "@/server/db/client";
import { needsReencryption, reencrypt } from "@/server/connectors/crypto";

if (existsSync(".env")) process.loadEnvFile(".env");
const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set: export the Postgres connection URL (or put it in .env).");
  process.exit(1);
}
const db = createPrismaClient(url);
try {
  const rows = await db.connection.findMany({ where: { encryptedCredentials: { not: "" } }, select: { id: true, encryptedCredentials: true } });
  let resealed = 0;
  for (const row of rows) {
    if (!needsReencryption(row.encryptedCredentials)) continue;
    await db.connection.update({ where: { id: row.id }, data: { encryptedCredentials: reencrypt(row.encryptedCredentials) } });
    resealed++;
  }
  console.log(`Re-sealed ${resealed} of ${rows.length} connection credentials under the current key.`);
} finally {
  await db.$disconnect();
}
