import {
  slaBreachAlert,
  slaBreachNote,
  slaHoldingReply,
  type SlaAlertInput,
} from '../../../src/views/sla-alert.js';

const at = (iso: string) => new Date(iso);

const input: SlaAlertInput = {
  kind: 'response',
  request: {
    _id: '65f000000000000000000001' as never,
    channelId: 'C0ACME',
    rootTs: '1741273200.000100',
    requesterId: 'U0CUST',
    text: 'Our  export <fails>\nagain',
    assigneeId: null,
  },
  channelName: 'ext-acme',
  customerName: 'Acme',
  dueAt: at('2026-03-09T09:00:00Z'),
  now: at('2026-03-09T11:30:00Z'), // due 09:00, now 11:30 = 2h late (whole hours)
  showPreview: true,
  suggestDiscard: false,
};

const texts = (alert: ReturnType<typeof slaBreachAlert>) => JSON.stringify(alert.blocks);

describe('slaBreachAlert', () => {
  it('says which SLA, whose request, where and how late', () => {
    const alert = slaBreachAlert(input);
    expect(alert.text).toBe(
      ':rotating_light: Response SLA breached: request from <@U0CUST> in <#C0ACME>, 2h late: ' +
        'https://slack.com/archives/C0ACME/p1741273200000100',
    );
    expect(texts(alert)).toContain('*Acme* · <@U0CUST> in <#C0ACME|ext-acme>');
    expect(texts(alert)).toContain('unassigned');
  });

  it('leaves out the name of a private channel whose metadata is hidden', () => {
    const alert = slaBreachAlert({ ...input, channelName: 'acme-private', hideChannelName: true });
    expect(JSON.stringify(alert)).not.toContain('acme-private');
    expect(texts(alert)).toContain('<@U0CUST> in <#C0ACME>');
  });

  it('titles a closure breach as such', () => {
    expect(slaBreachAlert({ ...input, kind: 'closure' }).text).toContain('Closure SLA breached');
  });

  it('quotes the request, escaped, unless the preview is off', () => {
    expect(texts(slaBreachAlert(input))).toContain('>Our export &lt;fails&gt; again');
    expect(texts(slaBreachAlert({ ...input, showPreview: false }))).not.toContain('export');
  });

  it('offers a Discard button only when suggested', () => {
    expect(slaBreachAlert(input).blocks.some((b) => b.type === 'actions')).toBe(false);
    const offered = slaBreachAlert({ ...input, suggestDiscard: true });
    expect(offered.blocks.at(-1)).toMatchObject({
      type: 'actions',
      elements: [{ value: '65f000000000000000000001' }],
    });
  });
});

describe('slaHoldingReply', () => {
  it.each([
    ['response', 'Sorry for the wait!'],
    ['closure', 'Sorry this is taking longer than expected.'],
  ] as const)('apologises for a %s breach', (kind, start) => {
    expect(slaHoldingReply(kind).startsWith(start)).toBe(true);
  });
});

describe('slaBreachNote', () => {
  it('marks each breached SLA once, response first', () => {
    const history = [
      { at: at('2026-03-09T15:00:00Z'), type: 'sla_breach', to: 'closure', by: 'bot' },
      { at: at('2026-03-09T09:00:00Z'), type: 'sla_breach', to: 'response', by: 'bot' },
      { at: at('2026-03-09T15:00:00Z'), type: 'sla_breach', to: 'closure', by: 'bot' },
    ];
    expect(slaBreachNote(history)).toBe('⚠️ response SLA breached · ⚠️ closure SLA breached');
  });

  it('is absent without breaches', () => {
    expect(slaBreachNote([])).toBeUndefined();
    expect(slaBreachNote(undefined)).toBeUndefined();
  });
});
