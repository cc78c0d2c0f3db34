import { z } from 'zod';

/** One entry of the HTTP API's 422 body (seed 002's `HTTPValidationError`). */
export const ErrorDetail = z.object({
  loc: z.array(z.union([z.string(), z.number()])),
  msg: z.string(),
  type: z.string(),
});
export type ErrorDetail = z.infer<typeof ErrorDetail>;

/** An unknown (or another workspace's) thing: 404 `not_found`. */
const notFound = (say: string) => ({ status: 404, error: 'not_found', say }) as const;

/**
 * Every error code, what it answers over HTTP and what a Slack user is told: the one place
 * codes are defined. A code says what went wrong in the domain; `status` and `error` are the
 * HTTP answer (`error` is the body's public name, which several codes share, so API clients see
 * the same bodies as before codes were split); `say` is a sentence for the person who clicked,
 * never the error's own text.
 */
export const ERRORS = {
  invalid_input: {
    status: 422,
    error: 'validation_failed',
    say: "Some of what you entered isn't valid, so nothing was changed.",
  },
  malformed_request: {
    status: 400,
    error: 'bad_request',
    say: "The bot couldn't read that request, so nothing was changed.",
  },
  token_missing: {
    status: 401,
    error: 'unauthorized',
    say: 'That needs an API token.',
  },
  connector_webhook_refused: {
    status: 401,
    error: 'unauthorized',
    say: 'That helpdesk call was not signed with the connector’s webhook secret.',
  },
  token_invalid: {
    status: 401,
    error: 'unauthorized',
    say: 'That API token is unknown or was revoked.',
  },
  forbidden_workspace: {
    status: 403,
    error: 'forbidden',
    say: 'That belongs to another workspace, so it cannot be changed from here.',
  },
  forbidden_role: {
    status: 403,
    error: 'forbidden',
    say: "That needs an administrator's API token; this one is an agent's.",
  },
  session_missing: {
    status: 401,
    error: 'unauthorized',
    say: 'You are not signed in to the dashboard (or your session ended): run /triage dashboard in Slack for a sign-in link.',
  },
  csrf_invalid: {
    status: 403,
    error: 'forbidden',
    say: 'That change did not come from the dashboard page, so nothing was changed; reload the page and try again.',
  },
  workspace_not_installed: {
    status: 403,
    error: 'forbidden',
    say: "The triage bot isn't installed in this workspace any more; ask an admin to reinstall it.",
  },
  setting_locked: {
    status: 403,
    error: 'setting_locked',
    say: 'That setting is locked at a higher level, so nothing was changed.',
  },
  route_not_found: notFound("The bot doesn't know how to do that."),
  account_not_found: notFound('That customer account no longer exists.'),
  channel_not_found: notFound(
    "The bot doesn't know that channel yet; run `/triage setup` in it first.",
  ),
  channel_not_set_up: notFound(
    "This channel isn't set up for triage yet; run `/triage setup` in it first.",
  ),
  custom_field_not_found: notFound('That custom field no longer exists.'),
  canned_response_not_found: notFound('That canned response no longer exists.'),
  team_not_found: notFound('That team no longer exists.'),
  agent_not_found: notFound('That person is not an agent of this workspace.'),
  automation_rule_not_found: notFound('That automation rule no longer exists.'),
  custom_filter_not_found: notFound('That saved filter no longer exists.'),
  webhook_not_found: notFound('That webhook no longer exists.'),
  connector_not_found: notFound('That helpdesk connector no longer exists.'),
  webhook_delivery_not_found: notFound('That webhook delivery no longer exists.'),
  message_not_found: notFound('That message is not stored (or belongs to another conversation).'),
  request_not_found: notFound('That request no longer exists.'),
  contact_not_found: notFound('That contact is not one of this workspace.'),
  email_domain_not_found: notFound('That e-mail domain is not registered in this workspace.'),
  email_mapping_not_found: notFound('That e-mail address is not mapped in this workspace.'),
  portal_not_found: notFound('That knowledge-base portal no longer exists.'),
  article_not_found: notFound('That knowledge-base article no longer exists.'),
  conflict: {
    status: 409,
    error: 'conflict',
    say: 'Someone changed this at the same moment; please try again.',
  },
  payload_too_large: {
    status: 413,
    error: 'payload_too_large',
    say: 'That was too large for the bot to take in.',
  },
  database_unavailable: {
    status: 503,
    error: 'service_unavailable',
    say: "The bot can't reach its database right now; please try again in a minute.",
  },
  slack_rate_limited: {
    status: 503,
    error: 'service_unavailable',
    say: 'Slack is asking the bot to slow down; please try again in a minute.',
  },
  slack_unavailable: {
    status: 503,
    error: 'service_unavailable',
    say: "Slack isn't answering the bot right now; please try again in a minute.",
  },
  slack_refused: {
    status: 502,
    error: 'bad_gateway',
    say: 'Slack refused what the bot tried to do, so it did not finish.',
  },
  internal: {
    status: 500,
    error: 'internal',
    say: 'Something went wrong on our side; please try again in a moment.',
  },
} as const satisfies Record<string, { status: number; error: string; say: string }>;

export const ErrorCode = z.enum(Object.keys(ERRORS) as [keyof typeof ERRORS]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** An expected failure with a code a caller can act on; its message is safe to show a user. */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly detail: ErrorDetail[] = [],
  ) {
    super(message);
  }

  get status(): number {
    return ERRORS[this.code].status;
  }
}

/** A 422 with one or more `{loc, msg, type}` entries. */
export function validationError(detail: ErrorDetail[]): AppError {
  const first = detail[0];
  const summary = first ? `${first.loc.join('.')}: ${first.msg}` : 'invalid input';
  return new AppError('invalid_input', summary, detail);
}

/** What a thrown value carries, as far as telling codes apart goes. */
interface Thrown {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  data?: { error?: unknown };
  original?: unknown;
  originals?: unknown;
}

/** Slack error codes that mean "Slack is not answering properly right now". */
const SLACK_DOWN = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);
/** The driver's names for "no server to talk to" (mongodb and mongoose). */
const DATABASE_DOWN = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
]);

/**
 * The code of anything thrown: an AppError's own; a Slack Web API or database failure by its
 * kind (read from the error's shape, so this module imports neither client); else `internal`.
 * Bolt's wrappers (`UnknownError`, `AuthorizationError`, `MultipleListenerError`) are looked
 * through.
 */
export function errorCode(error: unknown): ErrorCode {
  if (error instanceof AppError) return error.code;
  const thrown = (error ?? {}) as Thrown;
  const wraps =
    thrown.code === 'slack_bolt_unknown_error' || thrown.code === 'slack_bolt_authorization_error';
  if (wraps && thrown.original) return errorCode(thrown.original);
  if (thrown.code === 'slack_bolt_multiple_listener_error' && Array.isArray(thrown.originals)) {
    return errorCode(thrown.originals[0]);
  }
  const slackError = typeof thrown.data?.error === 'string' ? thrown.data.error : undefined;
  if (
    thrown.code === 'slack_webapi_rate_limited_error' ||
    slackError === 'ratelimited' ||
    // The Web API client's last word after waiting out every Retry-After it was given.
    (typeof thrown.message === 'string' && thrown.message.startsWith('A rate limit was exceeded'))
  ) {
    return 'slack_rate_limited';
  }
  if (
    thrown.code === 'slack_webapi_http_error' ||
    thrown.code === 'slack_webapi_request_error' ||
    (slackError !== undefined && SLACK_DOWN.has(slackError))
  ) {
    return 'slack_unavailable';
  }
  if (thrown.code === 'slack_webapi_platform_error') return 'slack_refused';
  if (typeof thrown.name === 'string' && DATABASE_DOWN.has(thrown.name)) {
    return 'database_unavailable';
  }
  return 'internal';
}
