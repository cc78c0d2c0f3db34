import { isAdminProfile, nonAdminRefusal } from '../../../src/commands/access.js';
import type { CommandName } from '../../../src/commands/usage.js';

describe('nonAdminRefusal', () => {
  it.each<[CommandName, string | undefined]>([
    ['help', undefined],
    ['config', undefined],
    ['requests', undefined],
    ['escalate', undefined],
    ['config set', 'change channel settings'],
    ['config reset', 'reset channel settings'],
    ['config lock', 'lock settings'],
    ['config unlock', 'unlock settings'],
    ['setup customer', 'set up channels'],
    ['setup triage', 'set up channels'],
    ['token', undefined], // anyone of the support side: tokenRole decides the role
    ['dashboard', undefined], // the same: the link carries the asker's role
  ])('%s: refuses a non-admin to %s', (name, what) => {
    const refusal = nonAdminRefusal(name);
    if (what === undefined) expect(refusal).toBeUndefined();
    else {
      expect(refusal).toBe(
        `:no_entry: Only workspace admins can ${what}. Nothing was changed; \`/triage help\` lists what you can do.`,
      );
    }
  });
});

describe('isAdminProfile', () => {
  it.each<[string, Parameters<typeof isAdminProfile>[0], boolean]>([
    ['an admin', { is_admin: true }, true],
    ['an owner', { is_owner: true }, true],
    ['the primary owner', { is_primary_owner: true }, true],
    ['a member', { is_admin: false, is_owner: false, is_primary_owner: false }, false],
    ['a profile without flags', {}, false],
    ['no profile', undefined, false],
  ])('%s is an admin: %s', (_who, user, expected) => {
    expect(isAdminProfile(user)).toBe(expected);
  });
});
