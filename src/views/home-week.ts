import type { KnownBlock } from '@slack/types';
import type { HomeWeek, WeekLine } from '../home/week.js';

const MARK: Record<NonNullable<WeekLine['trend']>, string> = {
  better: ':arrow_up_small: better',
  worse: ':arrow_down_small: worse',
  same: 'same',
};

/**
 * The App Home's week: the viewer's open and unassigned requests now, then each number of the
 * last seven days with the seven before and which way it went (two blocks).
 */
export function weekBlocks(week: HomeWeek): KnownBlock[] {
  const title = week.whose === 'mine' ? 'Your week' : "The team's week";
  const fields = week.lines.map((line) => ({
    type: 'mrkdwn' as const,
    text: `*${line.label}*\n${line.now}  _(before: ${line.before}${line.trend && line.trend !== 'same' ? `, ${MARK[line.trend]}` : ''})_`,
  }));
  const mine = week.whose === 'mine' ? 'assigned to you' : 'in the workspace';
  return [
    {
      type: 'context',
      block_id: 'home_week_title',
      elements: [
        {
          type: 'mrkdwn',
          text: `*${title}* · open ${mine}: *${week.backlog.open}* · unassigned: *${week.backlog.unassigned}* · the last 7 days against the 7 before`,
        },
      ],
    },
    { type: 'section', block_id: 'home_week', fields },
  ];
}
