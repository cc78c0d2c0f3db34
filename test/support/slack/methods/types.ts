import type { SlackState } from '../state.js';
import type { Params } from '../types.js';

/**
 * One Web API method: reads the decoded parameters, validates everything, then changes
 * state; returns the response body without `ok`, or throws `SlackApiError`.
 */
export type MethodHandler = (state: SlackState, params: Params) => Record<string, unknown>;

export type MethodTable = Readonly<Record<string, MethodHandler>>;
