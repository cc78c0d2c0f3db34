import { channelPrivacy } from '../../../src/channels/privacy.js';

describe('channelPrivacy', () => {
  const features = (hide: boolean, previews: boolean) => ({
    hidePrivateChannelMetadata: hide,
    requests: { config: { show_private_message_previews: previews } },
  });
  it.each<[boolean, boolean, boolean, { showPreview: boolean; hideName: boolean }]>([
    // private, hidePrivateChannelMetadata, show_private_message_previews
    [false, true, false, { showPreview: true, hideName: false }], // public: all shown
    [true, true, true, { showPreview: false, hideName: true }], // hidden wins over previews
    [true, false, true, { showPreview: true, hideName: false }],
    [true, false, false, { showPreview: false, hideName: false }],
  ])('private %s, hide %s, previews %s', (isPrivate, hide, previews, expected) => {
    expect(channelPrivacy(isPrivate, features(hide, previews))).toEqual(expected);
  });
});
