/**
 * A Slack Web API error: answered with HTTP 200 as {ok: false, error, ...extra} (missing_scope adds
 * `needed` and `provided`; invalid_arguments adds response_metadata.messages).
 */
export class SlackError extends Error {
  constructor(
    readonly error: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(error);
  }
}

export function invalidArguments(message: string): SlackError {
  return new SlackError("invalid_arguments", { response_metadata: { messages: [`[ERROR] ${message}`] } });
}
