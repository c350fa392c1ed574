import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { parseAction } from "@/server/actions/catalogue/registry";
import { ActionForm, type ActionFormProps } from "./action-form";
import { type FormOptions } from "./form-fields";

const OPTIONS: FormOptions = {
  sprints: [
    { id: "24", name: "PAY Sprint 24", state: "active", projectKey: "PAY" },
    { id: "25", name: "PAY Sprint 25", state: "future", projectKey: "PAY" },
    { id: "31", name: "MOB Sprint 3", state: "future", projectKey: "MOB" },
  ],
  jiraUsers: [{ id: "acc-1", name: "Ada Nakamura" }],
  githubUsers: [],
  slackChannels: [{ id: "C0PAY", name: "team-payments" }],
  repos: ["acme/payments-service"],
};

function render(props: Partial<ActionFormProps> & Pick<ActionFormProps, "kind" | "value">) {
  return renderToStaticMarkup(<ActionForm issues={[]} onChange={() => {}} onClose={() => {}} idPrefix="edit-a1" options={OPTIONS} {...props} />);
}

describe("ActionForm", () => {
  it("offers the project's sprints with Backlog, and shows the target without letting it change", () => {
    const html = render({ kind: "jira.moveToSprint", value: { issueKey: "PAY-12", sprintId: "25", sprintName: "PAY Sprint 25", baseUpdated: "2026-01-05T10:00:00Z" } });
    expect(html).toContain('<label for="edit-a1-sprintId"');
    expect(html).toMatch(/<select id="edit-a1-sprintId"/);
    expect(html).toContain(">Backlog</option>");
    expect(html).toContain(">PAY Sprint 24 (active)</option>");
    expect(html).toMatch(/<option value="2" selected="">PAY Sprint 25<\/option>/);
    expect(html).not.toContain("MOB Sprint 3");
    // The issue key is shown as text; internal fields are not shown at all.
    expect(html).not.toContain('id="edit-a1-issueKey"');
    expect(html).toContain("PAY-12");
    expect(html).not.toContain("baseUpdated");
    expect(html).not.toContain("2026-01-05");
  });

  it("puts messages under their fields and the rest on top", () => {
    const value = { issueKey: "PAY-14", fields: { summary: "", storyPoints: "five" } };
    const parsed = parseAction("jira.updateFields", value);
    expect(parsed.ok).toBe(false);
    const issues = parsed.ok ? [] : [...parsed.issues, { path: "", message: "PAY-14 changed since this was proposed." }];
    const html = render({ kind: "jira.updateFields", value, issues });
    expect(html).toContain("The summary cannot be empty.");
    expect(html).toContain("Story points must be a number.");
    expect(html).toMatch(/id="edit-a1-fields-summary"[^>]*aria-invalid="true"/);
    expect(html.indexOf("PAY-14 changed since this was proposed.")).toBeLessThan(html.indexOf("The summary cannot be empty."));
  });

  it("keeps the fields a change leaves alone behind a checkbox", () => {
    const html = render({ kind: "jira.updateFields", value: { issueKey: "PAY-14", fields: { storyPoints: 5 } } });
    expect(html).toContain("Change summary");
    expect(html).toContain("Change story points");
    expect(html).toMatch(/id="edit-a1-fields-storyPoints"[^>]*value="5"/);
    expect(html).not.toContain('id="edit-a1-fields-summary"');
  });

  it("falls back to typing the value until the tool says what the choices are", () => {
    const html = render({ kind: "jira.transition", value: { issueKey: "PAY-14", toStatus: "Done" } });
    expect(html).toMatch(/<input[^>]*id="edit-a1-toStatus"[^>]*value="Done"/);
    const live = render({ kind: "jira.transition", value: { issueKey: "PAY-14", toStatus: "Done" }, state: { transitions: [{ id: "1", name: "Finish", toStatus: "Done" }], resolutions: ["Won't Do"] } });
    expect(live).toMatch(/<select id="edit-a1-toStatus"/);
    expect(live).toContain(">Won&#x27;t Do</option>");
  });

  it("writes Slack messages into a channel picked by name, and the text as a textarea", () => {
    const html = render({ kind: "slack.postMessage", value: { channelId: "C0PAY", text: "Sprint 24 starts today." } });
    expect(html).toMatch(/<option value="0" selected="">#team-payments<\/option>/);
    expect(html).toMatch(/<textarea[^>]*id="edit-a1-text"[^>]*>Sprint 24 starts today\.<\/textarea>/);
  });

  it("edits Notion properties by their type", () => {
    const html = render({ kind: "notion.updatePage", value: { pageId: "p1", properties: { Status: "Open", Points: 3, Done: false } } });
    expect(html).toMatch(/id="edit-a1-properties-Status"[^>]*value="Open"/);
    expect(html).toMatch(/id="edit-a1-properties-Points"[^>]*value="3"/);
    expect(html).toMatch(/id="edit-a1-properties-Done" type="checkbox"/);
  });
});
