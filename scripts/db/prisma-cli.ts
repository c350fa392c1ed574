// Runs the project's Prisma CLI. Prisma 7 downloads a native schema engine for most commands and
// fails offline; commands that never use it (generate, validate, format) only need the variable
// to name an existing file, so point it at the bundled wasm engine unless the caller chose one.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const cliPath = path.join(path.dirname(require.resolve("prisma/package.json")), "build/index.js");

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const bundledWasm = path.join(path.dirname(cliPath), "schema_engine_bg.wasm");
  env.PRISMA_SCHEMA_ENGINE_BINARY = existsSync(bundledWasm) ? bundledWasm : process.execPath;
}

const child = spawn(process.execPath, [cliPath, ...process.argv.slice(2)], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => child.kill(signal));
}
child.on("error", (error) => {
  console.error(`Could not start the Prisma CLI (${cliPath}): ${error.message}`);
  process.exit(1);
});
child.on("exit", (code) => {
  process.exit(code ?? 1);
});
