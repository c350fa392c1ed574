/**
 * `npm run backtest -- FILE [options]`: replays a CSV of past work, forecasting at each cut-off from the
 * past only, and prints how often the forecasts held. The last line is the report as one JSON object.
 *
 *   --format items|sprints   override header detection
 *   --weeks N                items: weeks ahead per forecast (default 4)
 *   --warmup N               weeks (items) / sprints of history before the first forecast (12 / 3)
 *   --window N               weeks (items) / sprints sampled per forecast (12 / 12)
 *   --tolerance-days N       items: keep rows finished up to N days before created (default 0)
 *   --timezone ZONE          zone for week boundaries and dates without an offset (default UTC)
 *   --trials N, --seed N     Monte Carlo trials per forecast and seed
 *
 * Exit codes: 0 report printed, 2 unusable input or arguments (one line on stderr).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { runBacktest, type BacktestOptions } from "@/server/planning/backtest/backtest";
import { BacktestInputError } from "@/server/planning/backtest/parse";
import { formatReport } from "@/server/planning/backtest/report";

const USAGE =
  "usage: npm run backtest -- FILE [--format items|sprints] [--weeks N] [--warmup N] [--window N] [--tolerance-days N] [--timezone ZONE] [--trials N] [--seed N]";

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function integer(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be a whole number ≥ ${min} (got "${value}"). ${USAGE}`);
  return n;
}

function main() {
  let args: ReturnType<typeof parseCli>;
  try {
    args = parseCli();
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}. ${USAGE}`);
  }
  const { values, positionals } = args;
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (positionals.length !== 1) fail(USAGE);
  const file = positionals[0]!;
  const format = values.format;
  if (format !== undefined && format !== "items" && format !== "sprints") fail(`--format must be items or sprints. ${USAGE}`);
  if (values.timezone !== undefined && !isTimeZone(values.timezone)) fail(`Unknown time zone "${values.timezone}"; use an IANA name such as Europe/Zurich.`);

  const options: BacktestOptions = {
    format,
    horizonWeeks: integer("weeks", values.weeks, 1),
    warmup: integer("warmup", values.warmup, 1),
    window: integer("window", values.window, 1),
    toleranceDays: integer("tolerance-days", values["tolerance-days"], 0),
    timezone: values.timezone,
    trials: integer("trials", values.trials, 1),
    seed: integer("seed", values.seed, 0),
  };

  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    fail(`Cannot read ${file}${code ? ` (${code})` : ""}.`);
  }

  try {
    const report = runBacktest(text, path.basename(file), options);
    for (const line of formatReport(report)) console.log(line);
  } catch (error) {
    if (error instanceof BacktestInputError) fail(`${file}: ${error.message}`);
    fail(`Back-test failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function parseCli() {
  return parseArgs({
    allowPositionals: true,
    options: {
      format: { type: "string" },
      weeks: { type: "string" },
      warmup: { type: "string" },
      window: { type: "string" },
      "tolerance-days": { type: "string" },
      timezone: { type: "string" },
      trials: { type: "string" },
      seed: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

main();
