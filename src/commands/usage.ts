import { z } from 'zod';

/** Every `/triage` subcommand, as the parser names them. */
export const CommandName = z.enum([
  'help',
  'config',
  'config set',
  'config reset',
  'config lock',
  'config unlock',
  'setup customer',
  'setup triage',
  'requests',
  'escalate',
  'reply',
  'fields',
  'fields add',
  'fields remove',
  'token',
  'dashboard',
  'email',
  'away',
  'back',
  'team',
  'team create',
  'team add',
  'team remove',
]);
export type CommandName = z.infer<typeof CommandName>;

export interface Subcommand {
  usage: string;
  description: string;
  example: string;
  /** What a non-admin is refused ("Only workspace admins can …"); unset for reads. */
  adminOnly?: string;
}

/**
 * The help text and usage line of every subcommand, in the order help lists them. Parse errors
 * quote the same usage lines, so the two can never disagree.
 */
export const SUBCOMMANDS: Readonly<Record<CommandName, Subcommand>> = {
  help: {
    usage: '/triage help',
    description: 'Show this list.',
    example: '/triage help',
  },
  config: {
    usage: '/triage config [key-prefix]',
    description:
      "This channel's effective settings and where each value comes from; a prefix filters them.",
    example: '/triage config requests.config',
  },
  'config set': {
    usage: '/triage config set <key> <value>',
    description:
      'Set a setting for this channel. The value is JSON when it parses (true, 15, "text", ["B123"]), else plain text.',
    example: '/triage config set requests.config.welcome_message Hello there!',
    adminOnly: 'change channel settings',
  },
  'config reset': {
    usage: '/triage config reset <key>',
    description: "Remove this channel's value so the inherited one shows through.",
    example: '/triage config reset requests.config.welcome_message',
    adminOnly: 'reset channel settings',
  },
  'config lock': {
    usage: '/triage config lock <key>',
    description:
      'Lock a setting for the whole workspace: accounts and channels can no longer change it.',
    example: '/triage config lock requests.support.response_sla.sla',
    adminOnly: 'lock settings',
  },
  'config unlock': {
    usage: '/triage config unlock <key>',
    description: 'Lift a workspace lock.',
    example: '/triage config unlock requests.support.response_sla.sla',
    adminOnly: 'unlock settings',
  },
  'setup customer': {
    usage: '/triage setup customer [#triage-channel]',
    description:
      'Track requests in this channel, routed to a triage channel (mention it to set or change it).',
    example: '/triage setup customer #support-triage',
    adminOnly: 'set up channels',
  },
  'setup triage': {
    usage: '/triage setup triage',
    description: "Make this channel a triage team's channel, where requests are posted.",
    example: '/triage setup triage',
    adminOnly: 'set up channels',
  },
  requests: {
    usage: '/triage requests [severity:<level>] [tag:<tag>]…',
    description:
      "The open requests of this channel, newest first, with each one's severity and tags; filter by a severity and tags (any case).",
    example: '/triage requests severity:high tag:billing',
  },
  escalate: {
    usage: '/triage escalate <message link or request id> [reason]',
    description:
      "Escalate a request (support team only, when escalation is on for its channel): name it by the link to the customer's message (⋯ → Copy link), since Slack does not tell a command which thread it was typed in.",
    example:
      '/triage escalate https://acme.slack.com/archives/C0123ABCD/p1767605400000100 Customer is blocked',
  },
  reply: {
    usage: '/triage reply [<short code> <message link or request id>]',
    description:
      "Post a canned response into a request's thread under your name (support team only), with {{customer.name}}, {{agent.name}} and {{request.id}} filled in; it counts as your reply. Without arguments: the workspace's short codes.",
    example: '/triage reply refund https://acme.slack.com/archives/C0123ABCD/p1767605400000100',
  },
  fields: {
    usage: '/triage fields',
    description: "The workspace's custom fields (name, key, type, options).",
    example: '/triage fields',
  },
  'fields add': {
    usage: '/triage fields add <"name"> <text|number|list|date> [options, comma-separated]',
    description:
      'Define a custom field for the workspace; a list field takes its options. The API calls these custom attribute definitions.',
    example: '/triage fields add "Contract tier" list Gold, Silver, Bronze',
    adminOnly: 'define custom fields',
  },
  'fields remove': {
    usage: '/triage fields remove <key>',
    description: 'Delete a custom field by its key (as `/triage fields` shows it).',
    example: '/triage fields remove contract_tier',
    adminOnly: 'delete custom fields',
  },
  token: {
    usage: '/triage token',
    description:
      "Create a token for the HTTP API with your role (an admin's or an agent's); it is shown to you once, here.",
    example: '/triage token',
  },
  dashboard: {
    usage: '/triage dashboard',
    description:
      'Get a sign-in link to the web dashboard (charts, requests, settings) for you only; it works once, for 10 minutes.',
    example: '/triage dashboard',
  },
  email: {
    usage: '/triage email',
    description:
      'The e-mail addresses whose mail becomes requests in this channel (`emailToSlack.mappings`), with their domains.',
    example: '/triage email',
  },
  away: {
    usage: '/triage away',
    description:
      'Go offline (support team): round-robin and load-balanced assignment pass you over until you are back.',
    example: '/triage away',
  },
  back: {
    usage: '/triage back',
    description: 'Go online again: teams give you new requests.',
    example: '/triage back',
  },
  team: {
    usage: '/triage team',
    description: "The workspace's teams, with each member's availability.",
    example: '/triage team',
  },
  'team create': {
    usage: '/triage team create <name>',
    description: 'Create a team (channels route new requests to one with assignment_mode).',
    example: '/triage team create Billing',
    adminOnly: 'create teams',
  },
  'team add': {
    usage: '/triage team add <name> @person…',
    description: 'Add people of the support side to a team (they become agents if they were not).',
    example: '/triage team add Billing @ann @bob',
    adminOnly: 'change teams',
  },
  'team remove': {
    usage: '/triage team remove <name> @person…',
    description: 'Take people off a team.',
    example: '/triage team remove Billing @bob',
    adminOnly: 'change teams',
  },
};
