/**
 * Hand-written code changes the seed draws pull-request files from, per repository. Each hunk body
 * is diff text: every line starts with " " (context), "-" (removed) or "+" (added). Placeholders
 * are filled per pull request: {ident} (camelCase), {Ident} (PascalCase), {slug} (kebab-case),
 * {key} (Jira key), {n} (a small number), {date} (YYYYMMDD).
 */

export interface ChangeHunk {
  /** First line of the hunk in the old file (0 for a new file). */
  oldStart: number;
  /** Text GitHub shows after the second "@@" (the enclosing function or section). */
  header: string;
  body: string;
}

export interface ChangeTemplate {
  path: string;
  status: "modified" | "added" | "renamed";
  previousPath?: string;
  hunks: ChangeHunk[];
}

const modified = (path: string, ...hunks: ChangeHunk[]): ChangeTemplate => ({ path, status: "modified", hunks });
const added = (path: string, body: string): ChangeTemplate => ({ path, status: "added", hunks: [{ oldStart: 0, header: "", body }] });
const hunk = (oldStart: number, header: string, body: string): ChangeHunk => ({ oldStart, header, body: body.replace(/^\n/, "").replace(/\n$/, "") });

const PAYMENTS: ChangeTemplate[] = [
  modified(
    "src/payments/ledger.ts",
    hunk(
      41,
      "export async function postEntry(tx: Tx, entry: LedgerEntry): Promise<PostedEntry> {",
      `
   const account = await tx.accounts.lock(entry.accountId);
   if (!account) throw new LedgerError("ACCOUNT_NOT_FOUND", entry.accountId);
-  const posted = await tx.entries.insert(entry);
+  const existing = await tx.entries.findByIdempotencyKey(entry.idempotencyKey);
+  if (existing) return existing;
+  const posted = await tx.entries.insert({ ...entry, source: "{ident}" });
   await tx.balances.apply(account.id, entry.amountMinor, entry.currency);
   return posted;
 }`,
    ),
  ),
  modified(
    "src/payments/refunds.ts",
    hunk(
      18,
      "export function validateRefund(payment: Payment, request: RefundRequest): RefundDecision {",
      `
   if (payment.status !== "captured") {
     return { ok: false, reason: "PAYMENT_NOT_CAPTURED" };
   }
-  if (request.amountMinor > payment.amountMinor) {
+  const alreadyRefunded = sumMinor(payment.refunds.map((r) => r.amountMinor));
+  if (request.amountMinor <= 0) {
+    return { ok: false, reason: "REFUND_AMOUNT_NOT_POSITIVE" };
+  }
+  if (request.amountMinor + alreadyRefunded > payment.amountMinor) {
     return { ok: false, reason: "REFUND_EXCEEDS_CAPTURE" };
   }
   return { ok: true };`,
    ),
  ),
  modified(
    "src/payments/providers/stripe-adapter.ts",
    hunk(
      63,
      "  async createCharge(input: ChargeInput): Promise<ProviderCharge> {",
      `
     const response = await this.http.post("/v1/payment_intents", toStripeIntent(input), {
       headers: { "Idempotency-Key": input.idempotencyKey },
-      timeout: 10_000,
+      timeout: {n}_000,
+      retry: { limit: 3, statusCodes: [409, 429, 502, 503], backoff: "exponential" },
     });
     return fromStripeIntent(response.body);
   }`,
    ),
  ),
  modified(
    "src/payments/reconciliation/daily-job.ts",
    hunk(
      12,
      "const BATCH_SIZE = 500;",
      `
 import { logger } from "../../observability/logger";
 import { fetchSettlementReport } from "../providers/settlements";

-const BATCH_SIZE = 500;
+const BATCH_SIZE = Number(process.env.RECON_BATCH_SIZE ?? {n}00);
+const MAX_MISMATCH_RATIO = 0.001;

 export async function runDailyReconciliation(day: string): Promise<ReconSummary> {`,
    ),
    hunk(
      58,
      "export async function runDailyReconciliation(day: string): Promise<ReconSummary> {",
      `
   const mismatches = compareBatches(ledgerRows, settlementRows);
-  logger.info({ day, mismatches: mismatches.length }, "reconciliation finished");
+  const ratio = mismatches.length / Math.max(1, ledgerRows.length);
+  logger.info({ day, mismatches: mismatches.length, ratio }, "reconciliation finished");
+  if (ratio > MAX_MISMATCH_RATIO) await alertFinanceOps(day, mismatches);
   return { day, checked: ledgerRows.length, mismatches };`,
    ),
  ),
  modified(
    "src/api/routes/payments.ts",
    hunk(
      27,
      "const createPaymentBody = z.object({",
      `
 const createPaymentBody = z.object({
   amountMinor: z.number().int().positive(),
   currency: z.string().length(3),
-  customerId: z.string(),
+  customerId: z.string().uuid(),
+  {ident}: z.boolean().default(false),
   metadata: z.record(z.string(), z.string()).optional(),
 });`,
    ),
  ),
  modified(
    "src/payments/currency.ts",
    hunk(
      9,
      "export function toMinorUnits(amount: string, currency: CurrencyCode): number {",
      `
 export function toMinorUnits(amount: string, currency: CurrencyCode): number {
   const exponent = CURRENCY_EXPONENT[currency] ?? 2;
-  return Math.round(parseFloat(amount) * 10 ** exponent);
+  // Decimal maths: parseFloat("1.005") * 100 is 100.49999999999999.
+  return new Decimal(amount).mul(new Decimal(10).pow(exponent)).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).toNumber();
 }`,
    ),
  ),
  added(
    "db/migrations/{date}_{slug}.sql",
    `
+ALTER TABLE ledger_entries ADD COLUMN idempotency_key text;
+CREATE UNIQUE INDEX CONCURRENTLY ledger_entries_idempotency_key_idx
+  ON ledger_entries (account_id, idempotency_key)
+  WHERE idempotency_key IS NOT NULL;`,
  ),
  added(
    "src/payments/__tests__/{slug}.test.ts",
    `
+import { describe, expect, it } from "vitest";
+import { buildPayment } from "../../testing/factories";
+import { validateRefund } from "../refunds";
+
+describe("{key}: {ident}", () => {
+  it("rejects a refund larger than what is left to refund", () => {
+    const payment = buildPayment({ amountMinor: 10_000, refunds: [{ amountMinor: 6_000 }] });
+    expect(validateRefund(payment, { amountMinor: 5_000 })).toEqual({ ok: false, reason: "REFUND_EXCEEDS_CAPTURE" });
+  });
+
+  it("accepts the exact remainder", () => {
+    const payment = buildPayment({ amountMinor: 10_000, refunds: [{ amountMinor: 6_000 }] });
+    expect(validateRefund(payment, { amountMinor: 4_000 })).toEqual({ ok: true });
+  });
+});`,
  ),
  modified(
    "src/payments/webhooks/handler.ts",
    hunk(
      31,
      "export async function handleProviderWebhook(req: WebhookRequest): Promise<WebhookResult> {",
      `
   const signature = req.headers["stripe-signature"];
-  const event = verifySignature(req.rawBody, signature, env.STRIPE_WEBHOOK_SECRET);
+  const event = verifySignature(req.rawBody, signature, env.STRIPE_WEBHOOK_SECRET, { toleranceSeconds: 300 });
+  if (await processedEvents.has(event.id)) return { status: "duplicate" };
   switch (event.type) {
     case "payment_intent.succeeded":
       return markCaptured(event.data.object);`,
    ),
  ),
  modified(
    "config/feature-flags.ts",
    hunk(
      4,
      "export const FLAGS = {",
      `
 export const FLAGS = {
   instantPayouts: flag("instant-payouts", { default: false }),
   multiCurrencyWallets: flag("multi-currency-wallets", { default: false }),
+  {ident}: flag("{slug}", { default: false, owner: "team-payments" }),
 } as const;`,
    ),
  ),
  modified(
    "docs/runbooks/refunds.md",
    hunk(
      22,
      "## Failed refunds",
      `
 ## Failed refunds

-If a refund fails, retry it from the admin console.
+If a refund fails with \`REFUND_EXCEEDS_CAPTURE\`, check the payment's earlier partial refunds first
+(see {key}). Only retry from the admin console once the ledger and the provider agree.`,
    ),
  ),
];

const MOBILE: ChangeTemplate[] = [
  modified(
    "src/screens/checkout/CheckoutScreen.tsx",
    hunk(
      48,
      "export function CheckoutScreen({ route, navigation }: CheckoutScreenProps) {",
      `
   const { cart, total } = useCart();
-  const [submitting, setSubmitting] = useState(false);
+  const { mutate: placeOrder, isPending } = usePlaceOrder();
+  const offline = useIsOffline();

   return (
     <Screen title={t("checkout.title")}>
-      <PrimaryButton disabled={submitting} onPress={onSubmit} label={t("checkout.pay")} />
+      {offline && <Banner tone="warning" text={t("checkout.offlineNotice")} />}
+      <PrimaryButton disabled={isPending || offline} onPress={() => placeOrder(cart)} label={t("checkout.pay")} />
     </Screen>
   );`,
    ),
  ),
  modified(
    "src/components/OrderStatusBadge.tsx",
    hunk(
      6,
      "const COLORS: Record<OrderStatus, string> = {",
      `
 const COLORS: Record<OrderStatus, string> = {
   pending: tokens.color.amber500,
   shipped: tokens.color.blue500,
   delivered: tokens.color.green600,
+  {ident}: tokens.color.gray500,
 };`,
    ),
  ),
  modified(
    "src/hooks/useOfflineQueue.ts",
    hunk(
      22,
      "export function useOfflineQueue() {",
      `
   useEffect(() => {
     const unsubscribe = NetInfo.addEventListener((state) => {
-      if (state.isConnected) void flush();
+      if (state.isConnected && state.isInternetReachable !== false) void flush({ maxItems: {n}0 });
     });
     return unsubscribe;
   }, [flush]);`,
    ),
  ),
  modified(
    "src/navigation/linking.ts",
    hunk(
      10,
      "export const linking: LinkingOptions<RootStackParamList> = {",
      `
     screens: {
       Home: "",
       OrderDetail: "orders/:orderId",
+      {Ident}: "{slug}/:id?",
       Settings: "settings",
     },`,
    ),
  ),
  modified(
    "src/api/client.ts",
    hunk(
      30,
      "export const api = createClient({",
      `
 export const api = createClient({
   baseUrl: Config.API_BASE_URL,
-  timeoutMs: 15_000,
+  timeoutMs: {n}_000,
+  retry: { retries: 2, retryOn: [502, 503, 504] },
   headers: () => ({ Authorization: \`Bearer \${session.accessToken()}\` }),
 });`,
    ),
  ),
  modified(
    "src/i18n/locales/de.json",
    hunk(
      112,
      '  "checkout.pay": "Jetzt bezahlen",',
      `
   "checkout.pay": "Jetzt bezahlen",
   "checkout.title": "Kasse",
+  "checkout.offlineNotice": "Du bist offline. Deine Bestellung wird gesendet, sobald du wieder verbunden bist.",
+  "{ident}.title": "Neu",
   "orders.empty": "Noch keine Bestellungen"`,
    ),
  ),
  modified(
    "ios/NorthwindApp/Info.plist",
    hunk(
      40,
      "<dict>",
      `
 	<key>NSCameraUsageDescription</key>
 	<string>Scan a robot's QR code to pair it with your account.</string>
+	<key>NSLocationWhenInUseUsageDescription</key>
+	<string>Show service centres near you.</string>
 	<key>UIBackgroundModes</key>`,
    ),
  ),
  modified(
    "android/app/build.gradle",
    hunk(
      84,
      "    defaultConfig {",
      `
     defaultConfig {
         applicationId "com.northwind.robotics"
-        versionCode 412
-        versionName "4.{n}.0"
+        versionCode 413
+        versionName "4.{n}.1"
         minSdkVersion rootProject.ext.minSdkVersion`,
    ),
  ),
  added(
    "src/screens/__tests__/{Ident}.test.tsx",
    `
+import { render, screen } from "@testing-library/react-native";
+import { {Ident}Screen } from "../{Ident}Screen";
+
+describe("{Ident}Screen ({key})", () => {
+  it("shows the empty state without data", () => {
+    render(<{Ident}Screen items={[]} />);
+    expect(screen.getByText("Nothing here yet")).toBeOnTheScreen();
+  });
+});`,
  ),
  added(
    "src/screens/{Ident}Screen.tsx",
    `
+import { FlatList } from "react-native";
+import { EmptyState, Screen } from "../components";
+import { type Item } from "../api/types";
+
+export function {Ident}Screen({ items }: { items: Item[] }) {
+  return (
+    <Screen title="{Ident}">
+      <FlatList data={items} keyExtractor={(i) => i.id} renderItem={({ item }) => <ItemRow item={item} />} ListEmptyComponent={<EmptyState text="Nothing here yet" />} />
+    </Screen>
+  );
+}`,
  ),
];

const PLATFORM: ChangeTemplate[] = [
  modified(
    "terraform/modules/rds/main.tf",
    hunk(
      18,
      'resource "aws_db_instance" "this" {',
      `
 resource "aws_db_instance" "this" {
   identifier              = var.name
-  instance_class          = "db.r6g.large"
+  instance_class          = var.instance_class
   allocated_storage       = var.allocated_storage
-  backup_retention_period = 7
+  backup_retention_period = {n}
+  deletion_protection     = true
   multi_az                = var.multi_az`,
    ),
  ),
  modified(
    "terraform/envs/prod/variables.tf",
    hunk(
      33,
      'variable "instance_class" {',
      `
+variable "instance_class" {
+  type        = string
+  description = "RDS instance class for the {slug} database"
+  default     = "db.r6g.xlarge"
+}
+
 variable "allocated_storage" {`,
    ),
  ),
  modified(
    "k8s/base/payments-service/deployment.yaml",
    hunk(
      21,
      "spec:",
      `
       containers:
         - name: payments-service
           resources:
             requests:
-              cpu: 250m
-              memory: 512Mi
+              cpu: 500m
+              memory: 768Mi
             limits:
-              memory: 512Mi
+              memory: 1Gi`,
    ),
  ),
  modified(
    "k8s/base/ingress/rate-limits.yaml",
    hunk(
      7,
      "metadata:",
      `
   annotations:
-    nginx.ingress.kubernetes.io/limit-rps: "50"
+    nginx.ingress.kubernetes.io/limit-rps: "{n}0"
+    nginx.ingress.kubernetes.io/limit-burst-multiplier: "3"
     nginx.ingress.kubernetes.io/limit-connections: "20"`,
    ),
  ),
  modified(
    "cmd/deployctl/rollout.go",
    hunk(
      74,
      "func waitForRollout(ctx context.Context, client kubernetes.Interface, name string) error {",
      `
 	for {
 		dep, err := client.AppsV1().Deployments(ns).Get(ctx, name, metav1.GetOptions{})
 		if err != nil {
-			return err
+			return fmt.Errorf("get deployment %s: %w", name, err)
 		}
 		if dep.Status.UpdatedReplicas == *dep.Spec.Replicas && dep.Status.AvailableReplicas == *dep.Spec.Replicas {
 			return nil
 		}
-		time.Sleep(2 * time.Second)
+		select {
+		case <-ctx.Done():
+			return fmt.Errorf("rollout of %s: %w", name, ctx.Err())
+		case <-time.After({n} * time.Second):
+		}
 	}`,
    ),
  ),
  modified(
    "internal/healthcheck/probe.go",
    hunk(
      15,
      "type Probe struct {",
      `
 type Probe struct {
 	URL      string
 	Timeout  time.Duration
+	// {Ident} marks probes whose failure should page rather than only alert.
+	{Ident} bool
 }`,
    ),
  ),
  added(
    "internal/healthcheck/probe_test.go",
    `
+package healthcheck
+
+import (
+	"net/http"
+	"net/http/httptest"
+	"testing"
+	"time"
+)
+
+func TestProbeTimesOut(t *testing.T) {
+	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
+		time.Sleep(50 * time.Millisecond)
+	}))
+	defer srv.Close()
+	p := Probe{URL: srv.URL, Timeout: 10 * time.Millisecond}
+	if err := p.Check(); err == nil {
+		t.Fatal("expected a timeout ({key})")
+	}
+}`,
  ),
  modified(
    ".github/workflows/deploy.yml",
    hunk(
      28,
      "jobs:",
      `
   deploy:
     runs-on: ubuntu-latest
-    environment: production
+    environment:
+      name: production
+      url: https://status.northwind.example
+    concurrency: deploy-production
     steps:
       - uses: actions/checkout@v4`,
    ),
  ),
  modified(
    "monitoring/alerts/slo-burn-rate.yaml",
    hunk(
      11,
      "groups:",
      `
       - alert: CheckoutAvailabilityFastBurn
-        expr: slo:error_ratio:rate5m{service="checkout"} > (14.4 * 0.001)
+        expr: slo:error_ratio:rate5m{service="checkout"} > (14.4 * 0.001) and slo:error_ratio:rate1h{service="checkout"} > (14.4 * 0.001)
         for: 2m
         labels:
           severity: page`,
    ),
  ),
  {
    path: "terraform/modules/{slug}/outputs.tf",
    status: "renamed",
    previousPath: "terraform/modules/legacy-{slug}/outputs.tf",
    hunks: [],
  },
];

const DOCS: ChangeTemplate[] = [
  modified(
    "docs/api/authentication.md",
    hunk(
      14,
      "## API keys",
      `
 ## API keys

-Send your key in the \`X-Api-Key\` header.
+Send your key in the \`Authorization\` header as \`Bearer <key>\`. The \`X-Api-Key\` header still
+works but is deprecated and will stop working in API version {n}.`,
    ),
  ),
  modified(
    "docs/guides/webhooks.md",
    hunk(
      40,
      "## Verifying signatures",
      `
 ## Verifying signatures

 Every delivery carries a \`Northwind-Signature\` header.
+Reject deliveries older than five minutes to prevent replays.`,
    ),
  ),
  modified(
    "docs/changelog.md",
    hunk(
      1,
      "# Changelog",
      `
 # Changelog

+## {date}
+
+- {Ident}: documented the new behaviour ({key}).
+
 ## Earlier`,
    ),
  ),
];

/** Code change templates by repository name. */
export const CHANGE_TEMPLATES: Record<string, ChangeTemplate[]> = {
  "payments-service": PAYMENTS,
  "mobile-app": MOBILE,
  "platform-infra": PLATFORM,
  "developer-docs": DOCS,
};

/** What Dependabot bumps in each repository: manifest path and the package. */
export const DEPENDENCY_BUMPS: Record<string, { manifest: string; name: string; from: string; to: string; ecosystem: "npm" | "go_modules" }[]> = {
  "payments-service": [
    { manifest: "package.json", name: "zod", from: "3.23.8", to: "3.24.1", ecosystem: "npm" },
    { manifest: "package.json", name: "undici", from: "6.19.2", to: "6.21.1", ecosystem: "npm" },
  ],
  "mobile-app": [{ manifest: "package.json", name: "react-native-reanimated", from: "3.15.0", to: "3.16.6", ecosystem: "npm" }],
  "platform-infra": [{ manifest: "go.mod", name: "golang.org/x/net", from: "0.30.0", to: "0.33.0", ecosystem: "go_modules" }],
};
