import { z } from 'zod';

/**
 * A ticket's urgency (the modal's Urgency, unless `tickets.config.hide_urgency`). No vendor has
 * an urgency field, so each carries it as it can without a custom field: a tag on Zendesk, a
 * label on Jira (`urgency_high`), a line of the description on Linear (`Urgency: High`).
 */
export const Urgency = z.enum(['low', 'normal', 'high', 'critical']);
export type Urgency = z.infer<typeof Urgency>;

/** The modal's words for each urgency. */
export const URGENCY_LABEL: Readonly<Record<Urgency, string>> = {
  low: 'Low',
  normal: 'Normal',
  high: 'High',
  critical: 'Critical',
};

/** `tags` with the urgency's tag or label (`urgency_high`) added; as they are without one. */
export const withUrgencyTag = (tags: readonly string[], urgency: Urgency | null): string[] =>
  urgency ? [...tags, `urgency_${urgency}`] : [...tags];

/** `body` with the urgency's line (`Urgency: High`) after it; as it is without one. */
export const withUrgencyLine = (body: string, urgency: Urgency | null): string =>
  urgency ? `${body}\n\nUrgency: ${URGENCY_LABEL[urgency]}` : body;
