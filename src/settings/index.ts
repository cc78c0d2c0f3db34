export { settingsCatalog, normalizeKey, keysUnder, type Catalog } from './catalog.js';
export { flatten, unflatten } from './flatten.js';
export {
  resolve,
  effectiveFeatures,
  EMPTY_LEVEL,
  LevelKind,
  LevelRef,
  LevelSettings,
  Provenance,
  type Level,
} from './levels.js';
export {
  planWrite,
  SettingsWrite,
  ChannelSettingsWrite,
  zodDetail,
  type WritePlan,
} from './write.js';
export {
  redactResolved,
  redactSecrets,
  revealSecret,
  sealSecret,
  secretName,
  SealedSecret,
  SecretError,
} from './secrets.js';
