/**
 * The account jobs' names, in a module that imports neither `jobs/` nor `services/`, so the
 * services that schedule them and the jobs that run them both depend on it.
 */
export const INTERNAL_CHANNELS_SYNC = 'crm-internal-channels';
export const ACCOUNT_DIGEST = 'crm-digest';
