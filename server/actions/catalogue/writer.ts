import { type ActionKind } from "./types";

/**
 * How an action reaches a tool. The catalogue (pure) says what an action means; a writer (one per
 * kind, implemented by the tool's connector with its official client) reads the target, performs
 * the change once, finds an earlier attempt that landed, and reads the change back.
 */

/** Carried into every write so a later attempt can recognise this action's earlier one. */
export interface WriteMarker {
  /** The ProposedAction's id: embedded in what the write creates (an entity property, a hidden
   *  comment, message metadata, a provenance link). */
  actionId: string;
  /** The approval in the product, for provenance links in what the write creates. */
  approvalUrl: string;
}

/** What every executed action reports, on top of its kind's own result fields. */
export interface WriteResultBase {
  /** Where to see the change in the tool (the issue, comment, message permalink, page). */
  url: string | null;
  /** A short human reference: "PAY-123", "payments-service#42", "#payments", the page title. */
  ref: string;
}

export interface ActionWriter<Input = unknown, State = unknown, Result extends WriteResultBase = WriteResultBase> {
  /**
   * The target's state right now, in the catalogue's TargetState shape for this kind (a missing
   * target is `null` inside the state, not an error). Reads may retry; they change nothing.
   */
  readState(input: Input): Promise<State>;
  /**
   * Performs the change once. Requests go through the connector's write-mode call: a refused
   * request (429) may be re-sent, a timed-out or 5xx one never is. Throws ConnectorError.
   * Multi-step writes (create then move; create then append) finish every step or throw.
   */
  execute(input: Input, state: State, marker: WriteMarker): Promise<Result>;
  /**
   * After an attempt whose outcome is unknown (timeout, 5xx, lost response, a worker that died):
   * the result if the change is already in the tool — found by the marker for creations, by the
   * target's state for updates — finishing any steps left undone; null when nothing landed.
   * `before` is the state read before the first attempt; `since` is when that attempt started.
   */
  findLanded(input: Input, before: State, marker: WriteMarker, since: Date): Promise<Result | null>;
  /**
   * Reads the change back. Returns what does not match (empty when the tool holds exactly what
   * the action asked for): the "state consistency" the metrics report.
   */
  verify(input: Input, result: Result, marker: WriteMarker): Promise<string[]>;
}

/**
 * The writers a connector offers, by action kind. Each is typed by its kind where it is written;
 * here state and result are left open, and the executor passes back only what the writer returned.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ActionWriters = Partial<Record<ActionKind, ActionWriter<never, any, any>>>;
