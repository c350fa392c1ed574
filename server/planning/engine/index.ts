/**
 * The planning engine: deterministic numbers for plans, reports and registers. Every result
 * carries the sources it was computed from; nothing here reads a clock or does I/O.
 */
export type * from "./types";
export { dayKey, calendarDay, workingDaysInWindow, workingDaysBetween, addWorkingDays, nthWorkingDay } from "./calendar";
export { sprintScope, sprintVelocity, velocityHistory, typicalSprintLengthDays } from "./velocity";
export type { Tally, SprintScope, SprintVelocity, VelocityHistory } from "./velocity";
export { capacityRate, windowCapacity, teamPersonDays } from "./capacity";
export type { Capacity, CapacityRate, CapacityWindow, MemberCapacity, SprintRate } from "./capacity";
export { planSprint } from "./sprint-plan";
export type { SprintPlan, SprintPlanOptions, PlannedItem, DeferredItem, AssigneeLoad, PlanOrigin, PlanTarget } from "./sprint-plan";
export { criticalPath, itemPace } from "./critical-path";
export type { CriticalPath, CriticalPathOptions, ItemPace, PathStep } from "./critical-path";
export { planRelease, findRelease, releaseScope } from "./release-plan";
export type {
  ReleasePlan,
  ReleasePlanOptions,
  ReleaseNotFound,
  ReleaseCandidate,
  ReleaseStatus,
  Milestone,
  CutPlan,
  CutSuggestion,
} from "./release-plan";
export { detectRisks, severityOf, openQuestionsIn } from "./risks";
export type { Risk, RiskCategory, RiskOwner, RiskOptions, Severity } from "./risks";
export { suggestBreakdowns, childrenFromDescription, MAX_ITEM_POINTS } from "./breakdown";
export type { BreakdownResult, BreakdownSuggestion, SuggestedChild } from "./breakdown";
export { statusReport } from "./status-report";
export type { StatusReport, StatusReportOptions, StatusNotFound, ReportItem, ReportPullRequest, BurnUpPoint, SprintForecast } from "./status-report";
export { teamThroughput, THROUGHPUT_WEEKS, FORECAST_SEED } from "./throughput";
export type { ForecastView, Throughput } from "./throughput";
export { forecastCompletion, forecastHowMany, weeklyThroughput, percentile } from "./forecast";
export type { Stats } from "./stats";
