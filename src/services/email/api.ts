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
    const found = (await this.read(teamId)).domains.find((d) => d.name === name.toLowerCase());
    if (!found) throw new AppError('email_domain_not_found', `no e-mail domain ${name}`);
    return found;
  }

  async mapping(teamId: string, email: string): Promise<EmailMapping> {
    const wanted = email.toLowerCase();
    const found = (await this.read(teamId)).mappings.find((m) => m.email.toLowerCase() === wanted);
    if (!found) throw new AppError('email_mapping_not_found', `no e-mail mapping ${email}`);
    return found;
  }

  async addDomain(teamId: string, input: EmailDomainCreate): Promise<EmailDomain> {
    const { domains } = await this.read(teamId);
    const name = input.name.toLowerCase();
    if (domains.some((d) => d.name === name)) throw duplicate('name', `domain ${name} exists`);
    await this.save(teamId, { domains: [...domains, newDomain(input, this.deps.clock.now())] });
    return this.domain(teamId, name);
  }

  async changeDomain(teamId: string, name: string, update: EmailDomainUpdate) {
    const current = await this.domain(teamId, name);
    const { domains } = await this.read(teamId);
    const records = {
      ...(update.receiving_dns_records
        ? {
            receiving_dns_records: update.receiving_dns_records.map((r) => ({
              ...r,
              valid: false,
            })),
          }
        : {}),
      ...(update.sending_dns_records
        ? { sending_dns_records: update.sending_dns_records.map((r) => ({ ...r, valid: false })) }
        : {}),
    };
    const next = { ...current, ...update, ...records };
    await this.save(teamId, { domains: domains.map((d) => (d.name === current.name ? next : d)) });
    return this.domain(teamId, current.name);
  }

  async removeDomain(teamId: string, name: string): Promise<void> {
    const current = await this.domain(teamId, name);
    const { domains } = await this.read(teamId);
    await this.save(teamId, { domains: domains.filter((d) => d.name !== current.name) });
  }

  async addMapping(teamId: string, input: EmailMappingCreate): Promise<EmailMapping> {
    const { mappings } = await this.read(teamId);
    const email = input.email.toLowerCase();
    if (mappings.some((m) => m.email.toLowerCase() === email)) {
      throw duplicate('email', `${email} is mapped already`);
    }
    await this.channelOf(teamId, input.channelId);
    const elsewhere = await mappedChannels(this.deps.models, email);
    if (elsewhere.some((mapped) => mapped.teamId !== teamId)) {
      throw duplicate('email', `${email} is mapped in another workspace`);
    }
    await this.save(teamId, { mappings: [...mappings, { ...input, email }] });
    return this.mapping(teamId, email);
  }

  async changeMapping(teamId: string, email: string, update: EmailMappingUpdate) {
    const current = await this.mapping(teamId, email);
    if (update.channelId) await this.channelOf(teamId, update.channelId);
    const { mappings } = await this.read(teamId);
    const next = { ...current, ...update };
    await this.save(teamId, {
      mappings: mappings.map((m) => (m.email === current.email ? next : m)),
    });
    return this.mapping(teamId, current.email);
  }

  async removeMapping(teamId: string, email: string): Promise<void> {
    const current = await this.mapping(teamId, email);
    const { mappings } = await this.read(teamId);
    await this.save(teamId, { mappings: mappings.filter((m) => m.email !== current.email) });
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

  /** Writes the workspace's domains and/or mappings as given (computed keys included). */
  async save(teamId: string, part: Partial<Record<keyof EmailSettings, unknown[]>>) {
    await this.deps.settings.write(
      { level: 'workspace', teamId },
      { update: { emailToSlack: part } },
    );
  }
}

/** Refuses a write carrying a key the bot computes (422 naming it), before anything else. */
export function refuseComputed(kind: 'domain' | 'mapping', body: unknown): void {
  const found = computedKeysIn(kind, body);
  if (found.length > 0) throw validationError(found);
}

function duplicate(key: string, msg: string) {
  return validationError([{ loc: ['body', key], msg, type: 'value_error.duplicate' }]);
}
