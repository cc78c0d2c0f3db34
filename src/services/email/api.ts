import { mappedChannels } from '../../db/repositories/email.js';
import type { BotDeps } from '../../deps.js';
import {
  computedKeysIn,
  newDomain,
  type EmailDomainCreate,
  type EmailDomainUpdate,
  type EmailMappingCreate,
  type EmailMappingUpdate,
} from '../../email/api.js';
import { AppError, validationError } from '../../errors.js';
import type { EmailDomain, EmailMapping } from '../../settings/features/email-to-slack.js';

type ApiDeps = Pick<BotDeps, 'settings' | 'clock' | 'models'>;
type EmailSettings = { domains: EmailDomain[]; mappings: EmailMapping[] };

/**
 * `/api/v1/email/domains` and `/mappings` (issue 15): the workspace level's
 * `emailToSlack.domains` and `.mappings`, changed through the settings write (so locks,
 * validation and sealed secrets apply as for `PATCH /workspace/settings`). A secret read back as
 * `{"set": true}` is written back as such, which keeps the stored one (matched by domain name).
 */
export class EmailApi {
  constructor(private readonly deps: ApiDeps) {}

  /** The workspace's domains and mappings (secrets shown as `{"set": true}`). */
  async read(teamId: string): Promise<EmailSettings> {
    const { features } = await this.deps.settings.workspace(teamId, false);
    return features.emailToSlack as EmailSettings;
  }

  async domain(teamId: string, name: string): Promise<EmailDomain> {
    return findDomain((await this.read(teamId)).domains, name);
  }

  async mapping(teamId: string, email: string): Promise<EmailMapping> {
    return findMapping((await this.read(teamId)).mappings, email);
  }

  async addDomain(teamId: string, input: EmailDomainCreate): Promise<EmailDomain> {
    const name = input.name.toLowerCase();
    await this.change(teamId, ({ domains }) => {
      if (domains.some((d) => d.name === name)) throw duplicate('name', `domain ${name} exists`);
      return { domains: [...domains, newDomain(input, this.deps.clock.now())] };
    });
    return this.domain(teamId, name);
  }

  async changeDomain(teamId: string, name: string, update: EmailDomainUpdate) {
    const records = {
      ...(update.receiving_dns_records && {
        receiving_dns_records: update.receiving_dns_records.map((r) => ({ ...r, valid: false })),
      }),
      ...(update.sending_dns_records && {
        sending_dns_records: update.sending_dns_records.map((r) => ({ ...r, valid: false })),
      }),
    };
    const current = await this.change(teamId, ({ domains }) => {
      const found = findDomain(domains, name);
      const next = { ...found, ...update, ...records };
      return { domains: domains.map((d) => (d.name === found.name ? next : d)) };
    });
    return this.domain(teamId, findDomain(current.domains, name).name);
  }

  async removeDomain(teamId: string, name: string): Promise<void> {
    await this.change(teamId, ({ domains }) => {
      const found = findDomain(domains, name);
      return { domains: domains.filter((d) => d.name !== found.name) };
    });
  }

  async addMapping(teamId: string, input: EmailMappingCreate): Promise<EmailMapping> {
    const email = input.email.toLowerCase();
    await this.channelOf(teamId, input.channelId);
    const elsewhere = await mappedChannels(this.deps.models, email);
    if (elsewhere.some((mapped) => mapped.teamId !== teamId)) {
      throw duplicate('email', `${email} is mapped in another workspace`);
    }
    await this.change(teamId, ({ mappings }) => {
      if (mappings.some((m) => m.email.toLowerCase() === email)) {
        throw duplicate('email', `${email} is mapped already`);
      }
      return { mappings: [...mappings, { ...input, email }] };
    });
    return this.mapping(teamId, email);
  }

  async changeMapping(teamId: string, email: string, update: EmailMappingUpdate) {
    if (update.channelId) await this.channelOf(teamId, update.channelId);
    const current = await this.change(teamId, ({ mappings }) => {
      const found = findMapping(mappings, email);
      const next = { ...found, ...update };
      return { mappings: mappings.map((m) => (m.email === found.email ? next : m)) };
    });
    return this.mapping(teamId, findMapping(current.mappings, email).email);
  }

  async removeMapping(teamId: string, email: string): Promise<void> {
    await this.change(teamId, ({ mappings }) => {
      const found = findMapping(mappings, email);
      return { mappings: mappings.filter((m) => m.email !== found.email) };
    });
  }

  /**
   * Changes the workspace's lists: `change` gets them as stored and answers the parts to write
   * (undefined: nothing), in the settings service's compare-and-set, so of two writers at once
   * the second reads the first's lists again and neither change is lost. Answers the lists
   * `change` last read.
   */
  async change(
    teamId: string,
    change: (current: EmailSettings) => Partial<Record<keyof EmailSettings, unknown[]>> | undefined,
  ): Promise<EmailSettings> {
    let read: EmailSettings | undefined;
    await this.deps.settings.writeFrom({ level: 'workspace', teamId }, async () => {
      read = await this.read(teamId);
      const part = change(read);
      return part && { update: { emailToSlack: part } };
    });
    return read as EmailSettings;
  }

  /** A channel of the workspace, else a 422 naming `channelId`. */
  private async channelOf(teamId: string, channelId: string) {
    await this.deps.settings.channel(teamId, channelId).catch(() => {
      throw validationError([
        {
          loc: ['body', 'channelId'],
          msg: `${channelId} is not a channel of this workspace the bot knows`,
          type: 'value_error',
        },
      ]);
    });
  }
}

/** Refuses a write carrying a key the bot computes (422 naming it), before anything else. */
export function refuseComputed(kind: 'domain' | 'mapping', body: unknown): void {
  const found = computedKeysIn(kind, body);
  if (found.length > 0) throw validationError(found);
}

function findDomain(domains: readonly EmailDomain[], name: string): EmailDomain {
  const found = domains.find((d) => d.name === name.toLowerCase());
  if (!found) throw new AppError('email_domain_not_found', `no e-mail domain ${name}`);
  return found;
}

function findMapping(mappings: readonly EmailMapping[], email: string): EmailMapping {
  const wanted = email.toLowerCase();
  const found = mappings.find((m) => m.email.toLowerCase() === wanted);
  if (!found) throw new AppError('email_mapping_not_found', `no e-mail mapping ${email}`);
  return found;
}

function duplicate(key: string, msg: string) {
  return validationError([{ loc: ['body', key], msg, type: 'value_error.duplicate' }]);
}
