import { describe, expect, it } from "vitest";
import { BacktestInputError, parseBacktestCsv, type ParsedBacktestFile } from "./parse";

function items(parsed: ParsedBacktestFile) {
  if (parsed.format !== "items") throw new Error(`expected items, got ${parsed.format}`);
  return parsed;
}

function sprints(parsed: ParsedBacktestFile) {
  if (parsed.format !== "sprints") throw new Error(`expected sprints, got ${parsed.format}`);
  return parsed;
}

describe("parseBacktestCsv: items", () => {
  it("detects items from aliased headers and reads ISO dates, ignoring other columns", () => {
    const csv = [
      '"id","project","task","created_date","finished_date","cycle_time_days"',
      '"P0-T1",0,1,2013-10-01,2013-10-03,2',
      '"P0-T2",0,2,2013-10-02,,',
      '"P1-T3",1,3,2013-10-02T09:30:00+02:00,2013-10-04 18:00,2',
    ].join("\n");
    const parsed = items(parseBacktestCsv(csv));
    expect(parsed.rows).toBe(3);
    expect(parsed.grouped).toBe(true);
    expect(parsed.items).toEqual([
      { id: "P0-T1", group: "0", created: new Date("2013-10-01T00:00:00Z"), finished: new Date("2013-10-03T00:00:00Z") },
      { id: "P0-T2", group: "0", created: new Date("2013-10-02T00:00:00Z"), finished: null },
      { id: "P1-T3", group: "1", created: new Date("2013-10-02T07:30:00Z"), finished: new Date("2013-10-04T18:00:00Z") },
    ]);
    expect(parsed.notes).toContain("dates read as ISO 8601");
  });

  it("reads Jira-style headers with a semicolon delimiter and unambiguous dd/MM/yyyy", () => {
    const csv = "Issue key;Summary;Created;Resolved\nPAY-1;Fix;03/01/2024;05/01/2024\nPAY-2;Add;13/01/2024;20/01/2024 14:05\n";
    const parsed = items(parseBacktestCsv(csv));
    expect(parsed.grouped).toBe(false);
    expect(parsed.items.map((i) => [i.id, i.group, i.created.toISOString(), i.finished?.toISOString()])).toEqual([
      ["PAY-1", "all", "2024-01-03T00:00:00.000Z", "2024-01-05T00:00:00.000Z"],
      ["PAY-2", "all", "2024-01-13T00:00:00.000Z", "2024-01-20T14:05:00.000Z"],
    ]);
    expect(parsed.notes).toEqual(["dates read as dd/MM/yyyy"]);
  });

  it("chooses MM/dd/yyyy when a day above 12 sits in second place", () => {
    const csv = "key,createdAt,closed\nA,01/02/2024,01/25/2024\n";
    const [item] = items(parseBacktestCsv(csv)).items;
    expect(item!.created).toEqual(new Date("2024-01-02T00:00:00Z"));
    expect(item!.finished).toEqual(new Date("2024-01-25T00:00:00Z"));
  });

  it("says when slash dates are ambiguous and reads them day first", () => {
    const csv = "id,created,finished\nA,01/02/2024,03/04/2024\n";
    const parsed = items(parseBacktestCsv(csv));
    expect(parsed.items[0]!.created).toEqual(new Date("2024-02-01T00:00:00Z"));
    expect(parsed.notes.some((n) => n.includes("also reads as MM/dd/yyyy"))).toBe(true);
  });

  it.each([
    ["dd.MM.yyyy", "24.12.2023", "2023-12-24T00:00:00Z"],
    ["yyyy/MM/dd", "2023/12/24", "2023-12-24T00:00:00Z"],
    ["d MMM yyyy", "5 Dec 2023", "2023-12-05T00:00:00Z"],
    ["dd/MMM/yy", "05/Dec/23 3:15 PM", "2023-12-05T15:15:00Z"],
  ])("reads %s", (_name, value, iso) => {
    const [item] = items(parseBacktestCsv(`id,created,resolutiondate\nX,${value},${value}\n`)).items;
    expect(item!.finished).toEqual(new Date(iso));
  });

  it("reads dates without an offset in the given time zone", () => {
    const csv = "id,created,finished\nA,2024-07-01,2024-07-02 08:00\n";
    const [item] = items(parseBacktestCsv(csv, { timezone: "Europe/Zurich" })).items;
    expect(item!.created).toEqual(new Date("2024-06-30T22:00:00Z"));
    expect(item!.finished).toEqual(new Date("2024-07-02T06:00:00Z"));
  });

  it("counts rows it cannot use instead of failing", () => {
    const csv = "id,created,finished\nA,2024-01-01,2024-01-05\nB,,2024-01-05\nC,2024-01-01,2024-02-30\nD,yesterday,2024-01-05\n";
    const parsed = items(parseBacktestCsv(csv));
    expect(parsed.items.map((i) => i.id)).toEqual(["A"]);
    expect(parsed.skipped).toEqual({ "no created date": 1, "unreadable date": 2 });
  });

  it("numbers rows when there is no id column", () => {
    const parsed = items(parseBacktestCsv("created,done\n2024-01-01,2024-01-02\n2024-01-03,2024-01-04\n"));
    expect(parsed.items.map((i) => i.id)).toEqual(["1", "2"]);
  });
});

describe("parseBacktestCsv: sprints", () => {
  it("detects sprints and reads numbers, a decimal comma and optional dates", () => {
    const csv = "team,sprint,committed,completed,start,end\nPay,S1,20,18,2024-01-01,2024-01-14\nPay,S2,21,\"19,5\",,\nPay,S3,20,n/a,,\n";
    const parsed = sprints(parseBacktestCsv(csv));
    expect(parsed.grouped).toBe(true);
    expect(parsed.sprints).toEqual([
      { group: "Pay", sprint: "S1", committed: 20, completed: 18, start: new Date("2024-01-01T00:00:00Z"), end: new Date("2024-01-14T00:00:00Z") },
      { group: "Pay", sprint: "S2", committed: 21, completed: 19.5, start: null, end: null },
    ]);
    expect(parsed.skipped).toEqual({ "no completed figure": 1 });
  });

  it("honours a forced format", () => {
    const csv = "sprint,completed,finished\nS1,5,2024-01-01\n";
    expect(parseBacktestCsv(csv).format).toBe("sprints");
    expect(() => parseBacktestCsv(csv, { format: "items" })).toThrow(/Missing column created/);
  });
});

describe("parseBacktestCsv: unusable files", () => {
  it.each([
    ["an empty file", "", /empty/],
    ["unknown columns", "a,b\n1,2\n", /Unrecognised columns; expected one of — items: id,created,finished/],
    ["a header only", "id,created,finished\n", /no data rows; expected items/],
    ["items without created", "id,finished\nA,2024-01-01\n", /Missing column created; expected items/],
  ])("rejects %s with a one-line message", (_name, csv, message) => {
    let thrown: unknown;
    try {
      parseBacktestCsv(csv);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BacktestInputError);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).not.toContain("\n");
  });
});
