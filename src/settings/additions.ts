/**
 * Keys the features schema has beyond seed 000 (as `keyPaths(Features, { throughArrays: true })`
 * spells them), each with the reason. The features test fails on any other unlisted key.
 */
export const ADDITIONS: readonly { key: string; why: string }[] = [
  {
    key: 'requests.automations.makeThenaBotAutoJoinChannels.conditions.value',
    why: "Seed 000 lists only `conditions.condition`; a condition such as starts_with needs the text it compares with (DESIGN §5: `{ condition: 'starts_with', value: 'ext-' }`).",
  },
  {
    key: 'requests.automations.notifyOnChannelJoin.conditions.value',
    why: 'As for makeThenaBotAutoJoinChannels: the condition needs the text it compares with.',
  },
];
