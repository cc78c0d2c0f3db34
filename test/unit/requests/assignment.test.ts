import {
  firstResponderAssignee,
  firstResponseStarts,
  initialAssignee,
} from '../../../src/requests/assignment.js';
import type { RequestStatus } from '../../../src/requests/request.js';

describe('initialAssignee', () => {
  it.each<[boolean, string | null | undefined, string | null]>([
    [true, 'U0CSM', 'U0CSM'],
    [true, null, null],
    [true, undefined, null],
    [false, 'U0CSM', null],
  ])('auto_assign_to_csm %s, CSM %s → %s', (on, csm, expected) => {
    expect(initialAssignee({ auto_assign_to_csm: on }, csm)).toBe(expected);
  });
});

describe('firstResponderAssignee', () => {
  it.each<[boolean, boolean, string | null]>([
    [true, true, 'U0AGENT'],
    [true, false, null], // a later reply assigns no one
    [false, true, null],
    [false, false, null],
  ])('auto-assign %s, first response %s → %s', (on, first, expected) => {
    const config = { auto_assign_request_to_first_responder: on };
    expect(firstResponderAssignee(config, first, 'U0AGENT')).toBe(expected);
  });
});

describe('firstResponseStarts', () => {
  it.each<[RequestStatus, boolean]>([
    ['open', true],
    ['in_progress', false],
    ['on_hold', false], // stays on hold until someone resumes it
    ['closed', false],
    ['discarded', false],
  ])('a first response on a request %s moves it to in progress: %s', (status, expected) => {
    expect(firstResponseStarts(status)).toBe(expected);
  });
});
