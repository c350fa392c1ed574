import { type SandboxTool } from "./types";

/** An OAuth client registered with the sandbox (each tool accepts the same seeded clients). */
export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export interface IssuedToken {
  tool: SandboxTool;
  /** The bearer token value. */
  token: string;
  kind: "access" | "refresh" | "api";
  clientId: string | null;
  /** Sandbox person the token acts for (or the installing admin for bot tokens). */
  personId: string;
  scopes: string[];
  /** ISO time, compared with the real clock so expiry can be tested; null = never. */
  expiresAt: string | null;
  revoked: boolean;
  /** For refresh tokens: rotated (used) tokens are rejected, as Atlassian does. */
  used?: boolean;
}

export interface PendingCode {
  tool: SandboxTool;
  code: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  personId: string;
  codeChallenge?: string;
  expiresAt: string;
}

export interface OAuthState {
  clients: OAuthClient[];
  tokens: IssuedToken[];
  codes: PendingCode[];
}
