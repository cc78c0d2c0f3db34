import { Types } from 'mongoose';
import { ACTIONS } from '../../../src/constants.js';
import { suggestionMessage, type SuggestionMessageInput } from '../../../src/views/suggestion.js';

const id = new Types.ObjectId('64b000000000000000000001');
const input: SuggestionMessageInput = {
  suggestion: {
    _id: id,
    channelId: 'C0EXT',
    authorId: 'U0CUST',
    text: 'invoice <@U0BOSS>',
    why: 'unclear',
    state: 'pending',
    handledBy: null,
    requestId: null,
  },
  link: 'https://acme.slack.com/archives/C0EXT/p1',
  showPreview: true,
  hideName: false,
};
const json = (i: SuggestionMessageInput) => JSON.stringify(suggestionMessage(i));

describe('suggestionMessage', () => {
  it('shows who, where, an escaped preview, why, the link and both buttons while it waits', () => {
    const text = json(input);
    expect(text).toContain(
      'from <@U0CUST> in <#C0EXT>: <https://acme.slack.com/archives/C0EXT/p1|View message>',
    );
    expect(text).toContain('>invoice &lt;@U0BOSS&gt;');
    expect(text).toContain('too short to tell what is wanted');
    expect(text).toContain(ACTIONS.suggestionCreate);
    expect(text).toContain(ACTIONS.suggestionDismiss);
  });

  it('hides the preview and the channel as the privacy rules say', () => {
    const text = json({ ...input, showPreview: false, hideName: true });
    expect(text).not.toContain('invoice');
    expect(text).not.toContain('<#C0EXT>');
    expect(text).toContain('in a private channel');
    expect(text).toContain('_Preview hidden: private channel_');
  });

  it('replaces the buttons with who handled it', () => {
    const accepted = { ...input.suggestion, state: 'accepted' as const, handledBy: 'U0AG' };
    const text = json({ ...input, suggestion: accepted });
    expect(text).toContain('<@U0AG> created a request from this message');
    expect(text).not.toContain(ACTIONS.suggestionCreate);
    const dismissed = { ...accepted, state: 'dismissed' as const };
    expect(json({ ...input, suggestion: dismissed })).toContain(
      '<@U0AG> dismissed this suggestion',
    );
  });
});
