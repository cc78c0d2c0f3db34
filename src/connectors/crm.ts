import { z } from 'zod';
import type { RequestStatus } from '../requests/request.js';
import type { CaseChange, CaseCommentIn } from './crm-sync.js';

const Secret = z.string().min(1, 'must not be empty').max(500, 'at most 500 characters');

/**
 * The CRM side of connectors (issue 14): a request written as a Salesforce Case on the
 * customer's Account. Pure: what a Case is made of, and the client every CRM implements.
 */

/** The Case's External ID field unless the connector names another. */
export const DEFAULT_EXTERNAL_ID_FIELD = 'Triage_Request_Id__c';

/** A Case as the CRM has it; `fields`: the extra fields read back (`crm.additional_fields`). */
export interface CaseRef {
  id: string;
  url: string;
  status: string;
  fields: CaseFields;
}

/** An Account as the CRM has it; `fields`: the extra fields read (`crm.additional_fields`). */
export interface CrmAccount {
  id: string;
  name: string;
  url: string;
  fields: Record<string, unknown>;
}

/** A value a Case field takes. */
export type CaseValue = string | number | boolean | null;
export type CaseFields = Record<string, CaseValue>;

/** One CRM, as the bot uses it. Each call throws a `VendorError` (`connector.ts`). */
export interface CrmClient {
  /** Who the credentials log in as. */
  me(): Promise<{ id: string; name: string }>;
  /** The Case's field API names: those the credentials may write, and all they may read. */
  caseFields(): Promise<{ writable: string[]; readable: string[] }>;
  /**
   * Creates the Case whose external id is `externalId`, or updates the one an earlier try made;
   * read back with `readBack` fields too.
   */
  upsertCase(
    externalId: string,
    fields: CaseFields,
    readBack?: readonly string[],
    accountId?: string | null,
  ): Promise<CaseRef>;
  /** A Case by id with `readBack` fields too. */
  readCase(caseId: string, readBack?: readonly string[]): Promise<CaseRef>;
  updateCase(caseId: string, fields: CaseFields): Promise<void>;
  addCaseComment(caseId: string, comment: { body: string; public: boolean }): Promise<void>;
  /** An Account by id (null when none), with `extraFields` read too. */
  account(id: string, extraFields?: readonly string[]): Promise<CrmAccount | null>;
  /** Accounts named exactly `name` (at most 10). */
  accountsByName(name: string, extraFields?: readonly string[]): Promise<CrmAccount[]>;
  /** The Cases the bot made changed at or after `since`, oldest first (a batch). */
  changedCases(since: Date): Promise<CaseChange[]>;
  /**
   * The comments written at or after `since` on Cases the bot made by someone else than the
   * connector's own user or app (`me`: its id), oldest first (a batch).
   */
  newComments(since: Date, me: string): Promise<CaseCommentIn[]>;
}

/** A request's status as a Case's (Salesforce's default picklist: New, Working, Escalated, Closed). */
export const CASE_STATUS: Record<RequestStatus, string> = {
  open: 'New',
  in_progress: 'Working',
  on_hold: 'Working',
  closed: 'Closed',
  discarded: 'Closed',
};

/** A request's priority as a Case's (High, Medium, Low). */
const CASE_PRIORITY: Record<string, string> = {
  urgent: 'High',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

/** What of a request a Case is made of. */
export interface CaseSource {
  id: string;
  text: string;
  status: RequestStatus;
  priority: string | null;
  severity: string | null;
  category: string | null;
  tags: readonly string[];
  requesterId: string;
  assigneeId: string | null;
  channelId: string;
  createdAt: Date;
  categories: readonly { name: string; value: string }[];
  customFields: readonly { key: string; value: string | number }[];
}

/** The request fields `crm.field_mappings` may name (besides custom fields and categories). */
export const REQUEST_FIELDS = [
  'id',
  'subject',
  'text',
  'status',
  'priority',
  'severity',
  'category',
  'tags',
  'requesterId',
  'assigneeId',
  'channelId',
  'createdAt',
] as const;

/** A request's opening line as a Case subject (Salesforce allows 255 characters). */
export function caseSubject(text: string): string {
  const line = (text.split('\n').find((l) => l.trim()) ?? 'Request from Slack').trim();
  return line.length > 250 ? `${line.slice(0, 249)}…` : line;
}

/** The value of a request field by the name `crm.field_mappings` gives it; undefined when unset. */
export function requestFieldValue(source: CaseSource, name: string): CaseValue | undefined {
  const standard: Record<(typeof REQUEST_FIELDS)[number], CaseValue> = {
    id: source.id,
    subject: caseSubject(source.text),
    text: source.text,
    status: source.status,
    priority: source.priority,
    severity: source.severity,
    category: source.category,
    tags: source.tags.length > 0 ? source.tags.join(';') : null,
    requesterId: source.requesterId,
    assigneeId: source.assigneeId,
    channelId: source.channelId,
    createdAt: source.createdAt.toISOString(),
  };
  if (Object.hasOwn(standard, name)) {
    return standard[name as keyof typeof standard] ?? undefined;
  }
  const custom = source.customFields.find((f) => f.key === name);
  if (custom) return custom.value;
  return source.categories.find((c) => c.name === name)?.value;
}

/**
 * A new Case's fields: Subject, Description, Origin, Status, Priority and the Account
 * (`requests.sink.salesforce`), then each of `crm.field_mappings` (Case field → request field)
 * that the request has a value for, over the standard ones.
 */
export function caseFields(
  source: CaseSource,
  mappings: Readonly<Record<string, string>>,
  accountId: string | null,
): CaseFields {
  const fields: CaseFields = {
    Subject: caseSubject(source.text),
    Description: source.text.slice(0, 32_000) || '(no text)',
    Origin: 'Slack',
    Status: CASE_STATUS[source.status],
    ...(source.priority && CASE_PRIORITY[source.priority]
      ? { Priority: CASE_PRIORITY[source.priority] }
      : {}),
    ...(accountId ? { AccountId: accountId } : {}),
  };
  return { ...fields, ...mappedFields(source, mappings) };
}

/** `crm.field_mappings` (CRM field → request field) with the values the request has. */
export function mappedFields(
  source: CaseSource,
  mappings: Readonly<Record<string, string>>,
): CaseFields {
  const fields: CaseFields = {};
  for (const [crmField, requestField] of Object.entries(mappings)) {
    const value = requestFieldValue(source, requestField);
    if (value !== undefined && value !== null) fields[crmField] = value;
  }
  return fields;
}

/**
 * The Case fields named (`crm.field_mappings`' keys, `crm.additional_fields`) that the CRM does
 * not have; empty when all do. API names are case-insensitive in Salesforce.
 */
export function unknownCaseFields(
  names: Readonly<Record<string, string>> | readonly string[],
  known: readonly string[],
): string[] {
  const have = new Set(known.map((name) => name.toLowerCase()));
  const asked = Array.isArray(names) ? names : Object.keys(names);
  return asked.filter((name) => !have.has(name.toLowerCase()));
}

/** A field's value as read from the CRM, as a Case value (compound values as JSON text). */
export function caseValue(value: unknown): CaseValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  return JSON.stringify(value);
}

/** SOQL's string literal: quotes and backslashes escaped. */
export const soqlString = (value: string): string =>
  `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * Salesforce's credentials: a connected app's consumer key and secret, for OAuth 2.0's
 * client-credentials flow; with `username` and `password` (the password followed by the user's
 * security token), its username-password flow instead.
 */
export const SalesforceCredentials = z
  .strictObject({
    client_id: Secret,
    client_secret: Secret,
    username: z.string().min(1).max(320).optional(),
    password: Secret.optional(),
  })
  .refine((c) => !c.username === !c.password, {
    error: 'username and password go together (or neither, for the client-credentials flow)',
  })
  .meta({ id: 'SalesforceCredentials' });
export type SalesforceCredentials = z.infer<typeof SalesforceCredentials>;
