/**
 * A membership change that cannot be made as asked. The message is written for the person who
 * asked (what happened and what to do); `code` is how the router reports it.
 */
export class MemberError extends Error {
  constructor(
    message: string,
    readonly code: "NOT_FOUND" | "CONFLICT" | "BAD_REQUEST",
  ) {
    super(message);
    this.name = "MemberError";
  }
}
