import pino from "pino";

/**
 * Structured JSON logs. Secret-bearing fields are redacted wherever they appear, so a careless
 * `log.info({ connection })` cannot leak a token.
 */
export const REDACTED_KEYS = [
  "password",
  "secret",
  "token",
  "accessToken",
  "refreshToken",
  "access_token",
  "refresh_token",
  "id_token",
  "authorization",
  "cookie",
  "apiKey",
  "clientSecret",
  "encryptedToken",
];

const redactPaths = REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `headers.${k}`]);

/** A logger with the product's format and redaction; `destination` lets tests read what it writes. */
export function createLogger(level: string, destination?: pino.DestinationStream) {
  return pino(
    {
      level,
      base: { service: "pm-agent" },
      redact: { paths: redactPaths, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

export const logger = createLogger(process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"));

export type Logger = pino.Logger;

/** A child logger carrying the request's correlation fields. */
export function requestLogger(fields: { requestId: string; userId?: string | null; organizationId?: string | null }): Logger {
  return logger.child({
    requestId: fields.requestId,
    ...(fields.userId ? { userId: fields.userId } : {}),
    ...(fields.organizationId ? { organizationId: fields.organizationId } : {}),
  });
}
