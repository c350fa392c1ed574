import { createPrismaClient } from "@/server/db/client";
import { seedDemo } from "@/server/demo/seed-demo";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. Point it at the Postgres to seed, e.g. DATABASE_URL=postgresql://postgres@127.0.0.1:5432/pm npm run db:seed");
  process.exit(1);
}
const db = createPrismaClient(url);
try {
  const result = await seedDemo(db);
  console.log(`Seeded the demo organisation (${result.users} members).`);
} finally {
  await db.$disconnect();
}
