/**
 * The account jobs' names, in a module that imports neither `jobs/` nor `services/`, so the
 * services that schedule them and the jobs that run them both depend on it.
 */
export const INTERNAL_CHANNELS_SYNC = 'crm-internal-channels';
export const ACCOUNT_DIGEST = 'crm-digest';
/** A digest whose post failed, tried again within its period; key `<account id>@<period end>`. */
export const ACCOUNT_DIGEST_RETRY = 'crm-digest-retry';
