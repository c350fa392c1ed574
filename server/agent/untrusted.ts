/**
 * Text from Jira, GitHub, Notion and Slack is data. It reaches the model only inside these
 * markers, which the system prompt explains; markers inside the text itself are neutralised so a
 * page cannot close its own block and speak as the system or the user.
 */
export const DATA_OPEN = "<<data";
export const DATA_CLOSE = "data>>";

const MARKERS = /<<\s*data|data\s*>>/gi;

export function asData(text: string | null | undefined, origin: string, maxLength = 4_000): string {
  if (!text) return "";
  const clean = text.replace(MARKERS, (m) => m.replace(/</g, "‹").replace(/>/g, "›"));
  const clipped = clean.length > maxLength ? `${clean.slice(0, maxLength)} … [${clean.length - maxLength} more characters]` : clean;
  return `${DATA_OPEN} from="${origin.replace(/"/g, "'")}"\n${clipped}\n${DATA_CLOSE}`;
}

/** Strips the markers again, for showing tool output to people. */
export function fromData(text: string): string {
  return text.replace(/^<<data from="[^"]*"\n/, "").replace(/\ndata>>$/, "");
}
