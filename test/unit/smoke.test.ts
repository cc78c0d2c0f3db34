import { z } from 'zod';

describe('toolchain', () => {
  it('runs TypeScript tests as ESM', () => {
    expect(z.string().parse('ok')).toBe('ok');
    expect(typeof import.meta.url).toBe('string');
  });
});
