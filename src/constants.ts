/**
 * Every id Slack sends back to us, in one place (STYLE rule 13); must match manifest.yml.
 */
export const SLASH_COMMAND = '/triage';

/** `action_id`s of interactive elements. */
export const ACTIONS = {
  assignToMe: 'request_assign_me',
  inProgress: 'request_in_progress',
  onHold: 'request_on_hold',
  close: 'request_close',
  discard: 'request_discard',
  reopen: 'request_reopen',
  escalate: 'request_escalate',
  /** The triage card's severity menu (`static_select`) and tags menu (`multi_static_select`). */
  severity: 'request_severity',
  tags: 'request_tags',
  /** Prefixes: a `select` category's menu and a `text` category's button, the category's name after. */
  categorySelect: 'request_category_select:',
  categoryText: 'request_category_text:',
  /** The ephemeral's button that opens the categories a close still needs (after ✅). */
  categoriesForClose: 'request_categories_close',
  /** The triage card's "Raise internal ticket" button. */
  raiseTicket: 'request_raise_ticket',
  /** The triage card's "Create ticket" button (a channel with a helpdesk connector). */
  createTicket: 'request_create_ticket',
  /** The triage card's "Summarise" button (AI assist): a summary of the thread to the clicker. */
  summarise: 'request_summarise',
  /** Prefix: an internal ticket message's status buttons, the status after (`open`, `in_progress`, `done`). */
  ticketStatus: 'internal_ticket_status:',
  /** The triage card's ⋯ menu of card actions (`showOverflowMenu`, `overflow_options`). */
  cardMenu: 'request_card_menu',
  /** The triage card's overflow menu of a channel with custom fields ("Edit fields"). */
  fieldsMenu: 'request_fields_menu',
  nudgeClose: 'nudge_close',
  nudgeKeepOpen: 'nudge_keep_open',
  feedbackRating: 'feedback_rating',
  feedbackComment: 'feedback_comment',
  homeRefresh: 'home_refresh',
  /** App Home's availability buttons: `home_availability_<online|busy|offline>`. */
  homeAvailability: 'home_availability_',
  /** App Home's "Your views" menu: a saved filter's id, or `all` for the default lists. */
  homeView: 'home_view',
  suggestionCreate: 'suggestion_create',
  suggestionDismiss: 'suggestion_dismiss',
  /** A knowledge-base suggestion's buttons (the request's id as value). */
  kbSolved: 'kb_solved',
  kbNeedHelp: 'kb_need_help',
  /** The canned response menu of the "Insert canned response" modal (shows the preview). */
  cannedPick: 'canned_response_pick',
  /** A drafted reply's buttons (AI assist): post it as is, or open it in a modal to edit. */
  draftSend: 'ai_draft_send',
  draftEdit: 'ai_draft_edit',
  /** An AI classification suggestion's buttons on the triage card (the request's id as value). */
  classifyApply: 'ai_classify_apply',
  classifyDismiss: 'ai_classify_dismiss',
  /** App Home's Connectors section (admins): the connector's id as value, but for Add. */
  connectorAdd: 'home_connector_add',
  connectorEdit: 'home_connector_edit',
  connectorCheck: 'home_connector_check',
  connectorRemove: 'home_connector_remove',
  /** The Add connector modal's type menu: the fields change with it (`views.update`). */
  connectorType: 'connector_type_pick',
} as const;

/** Prefix of the `block_id` of a triage card's classification menus: `<prefix><request id>_<stamp>`. */
export const CLASSIFY_BLOCK = 'classify_';

/** `callback_id`s of modals. */
export const VIEWS = {
  feedbackComment: 'feedback_comment_modal',
  categories: 'request_categories_modal',
  internalTicket: 'internal_ticket_modal',
  customFields: 'request_custom_fields_modal',
  cannedResponse: 'canned_response_modal',
  helpdeskTicket: 'helpdesk_ticket_modal',
  /** A drafted reply opened to edit before it is posted (AI assist). */
  draftEdit: 'ai_draft_edit_modal',
  /** App Home's connector modals (admins): a new connector, and one to change. */
  connectorAdd: 'connector_add_modal',
  connectorEdit: 'connector_edit_modal',
} as const;

/** `callback_id`s of shortcuts (manifest.yml's `features.shortcuts`). */
export const SHORTCUTS = {
  /** Message shortcut on a request's message: pick a canned response to post in its thread. */
  insertCanned: 'insert_canned_response',
} as const;

/** Reaction names (without colons) the bot reads or adds. */
export const EMOJI = {
  /** Added by an agent on the customer's message: assign the request to them. */
  assign: 'eyes',
  /** Added by an agent on the customer's message: close the request. */
  close: 'white_check_mark',
  /** Create a ticket from the request (when allow_ticket_creation_with_ticket_emoji). */
  ticket: 'ticket',
  /** Added by an agent on a request's message (root or thread): escalate the request. */
  escalate: 'bangbang',
  /** Status marks the bot keeps on the root message (add_emojis_on_request_thread). */
  status: {
    open: 'large_yellow_circle',
    in_progress: 'large_blue_circle',
    on_hold: 'double_vertical_bar',
    closed: 'white_check_mark',
    discarded: 'wastebasket',
  },
  slaBreach: 'rotating_light',
} as const;

/** Bot scopes requested by the OAuth install (`/slack/install`); manifest.yml's `oauth_config.scopes.bot`. */
export const BOT_SCOPES = [
  'channels:history',
  'channels:join',
  'channels:manage',
  'channels:read',
  'chat:write',
  'chat:write.customize',
  'commands',
  'groups:history',
  'groups:read',
  'groups:write',
  'reactions:read',
  'reactions:write',
  'team:read',
  'users:read',
  'users:read.email',
] as const;
