/**
 * `npm run bench -- <name>`: runs one benchmark and prints its figures, the last line as JSON.
 * Benchmarks use the real PostgreSQL at TEST_DATABASE_URL (default 127.0.0.1:5432) in a database of
 * their own, created and dropped here.
 */
import { chatBenchmark } from "./chat";
import { exactlyOnceBenchmark } from "./exactly-once";
import { syncBenchmark } from "./sync";

const BENCHMARKS: Record<string, () => Promise<Record<string, unknown>>> = {
  sync: syncBenchmark,
  chat: chatBenchmark,
  "exactly-once": exactlyOnceBenchmark,
};

const name = process.argv[2];
const bench = name ? BENCHMARKS[name] : undefined;
if (!bench) {
  console.error(`Unknown benchmark "${name ?? ""}". Available: ${Object.keys(BENCHMARKS).join(", ")}. Run: npm run bench -- sync`);
  process.exit(1);
}
const result = await bench();
console.log(JSON.stringify(result));
process.exit(0);
