/**
 * A JQL parser: the grammar of Jira's query language (clauses, AND/OR/NOT with Jira's precedence,
 * lists, functions, EMPTY, the history operators WAS and CHANGED with their predicates, ORDER BY)
 * into a small AST. Syntax errors carry Jira's own wording so clients see what they would see
 * against a real site. Meaning (fields, values, functions) is checked by jql-eval.ts.
 */

export class JqlError extends Error {
  /** Each message as Jira would put it in `errorMessages`. */
  readonly messages: string[];
  constructor(messages: string[]) {
    super(messages.join(" "));
    this.name = "JqlError";
    this.messages = messages;
  }
}

export type JqlLiteral =
  | { kind: "value"; value: string; quoted: boolean }
  | { kind: "function"; name: string; args: string[] }
  | { kind: "empty" };

export type JqlOperand = JqlLiteral | { kind: "list"; items: JqlLiteral[] };

export type JqlOperator = "=" | "!=" | "~" | "!~" | ">" | ">=" | "<" | "<=" | "in" | "not in" | "is" | "is not" | "was" | "was not" | "was in" | "was not in" | "changed";

export type JqlPredicateKind = "after" | "before" | "on" | "during" | "by" | "from" | "to";

export interface JqlPredicate {
  kind: JqlPredicateKind;
  operand: JqlOperand;
}

export type JqlExpr =
  | { type: "and"; items: JqlExpr[] }
  | { type: "or"; items: JqlExpr[] }
  | { type: "not"; expr: JqlExpr }
  | { type: "clause"; field: string; operator: JqlOperator; operand: JqlOperand | null; predicates: JqlPredicate[] };

export interface JqlSort {
  field: string;
  direction: "asc" | "desc" | null;
}

export interface JqlQuery {
  where: JqlExpr | null;
  orderBy: JqlSort[];
}

type TokenType = "word" | "string" | "op" | "lparen" | "rparen" | "comma" | "eof";

interface Token {
  type: TokenType;
  text: string;
  /** 1-based, as Jira reports positions. */
  line: number;
  character: number;
}

const OPERATORS_HINT = "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.";
const RESERVED_CHARS = new Set(["+", ";", "?", "|", "*", "/", "%", "^", "$", "#", "@", "[", "]", "{", "}", "&"]);
/** Words that may not appear unquoted as values. */
const RESERVED_WORDS = new Set(["and", "or", "not", "in", "is", "empty", "null", "order", "by", "was", "changed"]);

const at = (t: Token) => `(line ${t.line}, character ${t.character})`;
const fail = (message: string): never => {
  throw new JqlError([`Error in the JQL Query: ${message}`]);
};

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const pos = (start: number) => ({ line, character: start - lineStart + 1 });
  while (i < input.length) {
    const ch = input[i]!;
    if (ch === "\n") {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (ch === '"' || ch === "'") {
      let value = "";
      i++;
      let closed = false;
      while (i < input.length) {
        const c = input[i]!;
        if (c === "\\" && i + 1 < input.length) {
          const next = input[i + 1]!;
          value += next === "n" ? "\n" : next === "t" ? "\t" : next;
          i += 2;
          continue;
        }
        if (c === ch) {
          closed = true;
          i++;
          break;
        }
        value += c;
        i++;
      }
      if (!closed) fail(`The quoted string '${value}' has not been completed. ${at({ type: "string", text: value, ...pos(start) })}`);
      tokens.push({ type: "string", text: value, ...pos(start) });
      continue;
    }
    if (ch === "(") {
      tokens.push({ type: "lparen", text: "(", ...pos(start) });
      i++;
      continue;
    }
    if (ch === ")") {
      tokens.push({ type: "rparen", text: ")", ...pos(start) });
      i++;
      continue;
    }
    if (ch === ",") {
      tokens.push({ type: "comma", text: ",", ...pos(start) });
      i++;
      continue;
    }
    const two = input.slice(i, i + 2);
    if (two === "||" || two === "&&") {
      tokens.push({ type: "word", text: two, ...pos(start) });
      i += 2;
      continue;
    }
    if (two === "!=" || two === "!~" || two === "<=" || two === ">=") {
      tokens.push({ type: "op", text: two, ...pos(start) });
      i += 2;
      continue;
    }
    if (ch === "=" || ch === "~" || ch === "<" || ch === ">") {
      tokens.push({ type: "op", text: ch, ...pos(start) });
      i++;
      continue;
    }
    if (ch === "!") {
      tokens.push({ type: "word", text: "!", ...pos(start) });
      i++;
      continue;
    }
    // cf[10016] is one field reference.
    const cf = /^cf\[\d+\]/i.exec(input.slice(i));
    if (cf) {
      tokens.push({ type: "word", text: cf[0], ...pos(start) });
      i += cf[0].length;
      continue;
    }
    if (RESERVED_CHARS.has(ch) && !(ch === "+" && /\d/.test(input[i + 1] ?? ""))) {
      fail(`The character '${ch}' is a reserved JQL character. You must enclose it in a string or use the escape '\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}' instead. ${at({ type: "word", text: ch, ...pos(start) })}`);
    }
    let word = "";
    while (i < input.length) {
      const c = input[i]!;
      if (/\s/.test(c) || c === "(" || c === ")" || c === "," || c === '"' || c === "'" || c === "=" || c === "~" || c === "<" || c === ">") break;
      if (c === "!" && (input[i + 1] === "=" || input[i + 1] === "~")) break;
      if (RESERVED_CHARS.has(c) && !(c === "+" && word === "") && c !== "/" && c !== "@") {
        fail(`The character '${c}' is a reserved JQL character. You must enclose it in a string or use the escape '\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}' instead. ${at({ type: "word", text: c, line, character: i - lineStart + 1 })}`);
      }
      word += c;
      i++;
    }
    tokens.push({ type: "word", text: word, ...pos(start) });
  }
  tokens.push({ type: "eof", text: "", line, character: i - lineStart + 1 });
  return tokens;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)]!;
  }
  private next(): Token {
    const t = this.peek();
    if (t.type !== "eof") this.i++;
    return t;
  }
  private isWord(t: Token, ...words: string[]): boolean {
    return t.type === "word" && words.includes(t.text.toLowerCase());
  }

  parse(): JqlQuery {
    let where: JqlExpr | null = null;
    if (this.peek().type !== "eof" && !this.isOrderBy()) where = this.parseOr();
    const orderBy: JqlSort[] = [];
    if (this.isOrderBy()) {
      this.next();
      this.next();
      orderBy.push(...this.parseSorts());
    }
    const t = this.peek();
    if (t.type !== "eof") {
      if (where) fail(`Expecting either 'OR' or 'AND' but got '${t.text}'. ${at(t)}`);
      fail(`Expecting a field name but got '${t.text}'. ${at(t)}`);
    }
    return { where, orderBy };
  }

  private isOrderBy(): boolean {
    return this.isWord(this.peek(), "order") && this.isWord(this.peek(1), "by");
  }

  private parseSorts(): JqlSort[] {
    const sorts: JqlSort[] = [];
    for (;;) {
      const t = this.next();
      if (t.type === "eof") fail("Expecting a field name before the end of the query.");
      if (t.type !== "word" && t.type !== "string") fail(`Expecting a field name but got '${t.text}'. ${at(t)}`);
      let direction: JqlSort["direction"] = null;
      if (this.isWord(this.peek(), "asc", "desc")) direction = this.next().text.toLowerCase() as "asc" | "desc";
      sorts.push({ field: t.text, direction });
      if (this.peek().type !== "comma") break;
      this.next();
    }
    return sorts;
  }

  private parseOr(): JqlExpr {
    const items = [this.parseAnd()];
    while (this.isWord(this.peek(), "or") || (this.peek().type === "word" && this.peek().text === "||")) {
      this.next();
      items.push(this.parseAnd());
    }
    return items.length === 1 ? items[0]! : { type: "or", items };
  }

  private parseAnd(): JqlExpr {
    const items = [this.parseNot()];
    while (this.isWord(this.peek(), "and") || (this.peek().type === "word" && this.peek().text === "&&")) {
      this.next();
      items.push(this.parseNot());
    }
    return items.length === 1 ? items[0]! : { type: "and", items };
  }

  private parseNot(): JqlExpr {
    const t = this.peek();
    if (this.isWord(t, "not") || (t.type === "word" && t.text === "!")) {
      this.next();
      return { type: "not", expr: this.parseNot() };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): JqlExpr {
    const t = this.peek();
    if (t.type === "lparen") {
      this.next();
      const expr = this.parseOr();
      const close = this.next();
      if (close.type === "eof") fail("Expecting ')' before the end of the query.");
      if (close.type !== "rparen") fail(`Expecting ')' but got '${close.text}'. ${at(close)}`);
      return expr;
    }
    return this.parseClause();
  }

  private parseClause(): JqlExpr {
    const fieldToken = this.next();
    if (fieldToken.type === "eof") fail("Expecting a field name at the end of the query.");
    if (fieldToken.type !== "word" && fieldToken.type !== "string") fail(`Expecting a field name but got '${fieldToken.text}'. ${at(fieldToken)}`);
    if (fieldToken.type === "word" && RESERVED_WORDS.has(fieldToken.text.toLowerCase())) {
      fail(`Expecting a field name but got '${fieldToken.text}'. You must surround '${fieldToken.text}' in quotation marks to use it as a field name. ${at(fieldToken)}`);
    }
    const field = fieldToken.text;
    const operator = this.parseOperator();
    if (operator === "changed") return { type: "clause", field, operator, operand: null, predicates: this.parsePredicates(true) };
    const operand = this.parseOperand();
    const predicates = operator.startsWith("was") ? this.parsePredicates(false) : [];
    return { type: "clause", field, operator, operand, predicates };
  }

  private parseOperator(): JqlOperator {
    const t = this.next();
    if (t.type === "eof") fail(`Expecting operator before the end of the query. ${OPERATORS_HINT}`);
    if (t.type === "op") return t.text as JqlOperator;
    const w = t.type === "word" ? t.text.toLowerCase() : "";
    if (w === "in") return "in";
    if (w === "changed") return "changed";
    if (w === "is") {
      if (this.isWord(this.peek(), "not")) {
        this.next();
        return "is not";
      }
      return "is";
    }
    if (w === "not") {
      if (this.isWord(this.peek(), "in")) {
        this.next();
        return "not in";
      }
      const n = this.peek();
      fail(n.type === "eof" ? `Expecting 'IN' before the end of the query.` : `Expecting 'IN' but got '${n.text}'. ${at(n)}`);
    }
    if (w === "was") {
      if (this.isWord(this.peek(), "not")) {
        this.next();
        if (this.isWord(this.peek(), "in")) {
          this.next();
          return "was not in";
        }
        return "was not";
      }
      if (this.isWord(this.peek(), "in")) {
        this.next();
        return "was in";
      }
      return "was";
    }
    return fail(`Expecting operator but got '${t.text}'. ${OPERATORS_HINT} ${at(t)}`);
  }

  private parseOperand(): JqlOperand {
    const t = this.peek();
    if (t.type === "eof") fail("Expecting either a value, list or function before the end of the query.");
    if (t.type === "lparen") {
      this.next();
      const items: JqlLiteral[] = [];
      for (;;) {
        const v = this.peek();
        if (v.type === "eof") fail("Expecting either a value, list or function before the end of the query.");
        items.push(this.parseLiteral());
        const sep = this.next();
        if (sep.type === "rparen") break;
        if (sep.type === "eof") fail("Expecting ')' before the end of the query.");
        if (sep.type !== "comma") fail(`Expecting ',' or ')' but got '${sep.text}'. ${at(sep)}`);
      }
      return { kind: "list", items };
    }
    return this.parseLiteral();
  }

  private parseLiteral(): JqlLiteral {
    const t = this.next();
    if (t.type === "string") return { kind: "value", value: t.text, quoted: true };
    if (t.type !== "word" || t.text === "!") {
      return fail(`Expecting either a value, list or function but got '${t.text}'. You must surround '${t.text}' in quotation marks to use it as a value. ${at(t)}`);
    }
    const lower = t.text.toLowerCase();
    if (lower === "empty" || lower === "null") return { kind: "empty" };
    if (RESERVED_WORDS.has(lower)) {
      fail(`Expecting either a value, list or function but got '${t.text}'. You must surround '${t.text}' in quotation marks to use it as a value. ${at(t)}`);
    }
    if (this.peek().type === "lparen") {
      this.next();
      const args: string[] = [];
      if (this.peek().type === "rparen") {
        this.next();
        return { kind: "function", name: t.text, args };
      }
      for (;;) {
        const a = this.next();
        if (a.type === "eof") fail("Expecting ')' before the end of the query.");
        if (a.type !== "word" && a.type !== "string") fail(`Expecting a function argument but got '${a.text}'. ${at(a)}`);
        args.push(a.text);
        const sep = this.next();
        if (sep.type === "rparen") break;
        if (sep.type === "eof") fail("Expecting ')' before the end of the query.");
        if (sep.type !== "comma") fail(`Expecting ',' or ')' but got '${sep.text}'. ${at(sep)}`);
      }
      return { kind: "function", name: t.text, args };
    }
    return { kind: "value", value: t.text, quoted: false };
  }

  private parsePredicates(changed: boolean): JqlPredicate[] {
    const predicates: JqlPredicate[] = [];
    const allowed = changed ? ["after", "before", "on", "during", "by", "from", "to"] : ["after", "before", "on", "during", "by"];
    while (this.isWord(this.peek(), ...allowed)) {
      const kind = this.next().text.toLowerCase() as JqlPredicateKind;
      predicates.push({ kind, operand: this.parseOperand() });
    }
    return predicates;
  }
}

/** Parses `input`, throwing JqlError with Jira's message on a syntax error. An empty query is valid. */
export function parseJql(input: string): JqlQuery {
  return new Parser(tokenize(input)).parse();
}
