import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { hashToken } from '../../../src/db/repositories/api-tokens.js';
import { testDatabase } from '../../support/db.js';

const run = promisify(execFile);

describe('npm run --silent cli -- token create', () => {
  it('prints a new token and nothing else, storing only its hash for the team', async () => {
    const database = await testDatabase();
    try {
      const { stdout } = await run(
        'npm',
        ['run', '--silent', 'cli', '--', 'token', 'create', '--team', 'T0CLI'],
        {
          env: { ...process.env, MONGODB_URI: database.uri },
        },
      );
      expect(stdout).toMatch(/^tbt_[A-Za-z0-9_-]{43}\n$/);
      const stored = await database.connection
        .collection('api_tokens')
        .findOne({ hash: hashToken(stdout.trim()) });
      expect(stored?.teamId).toBe('T0CLI');
      expect(stored).toMatchObject({ role: 'administrator', createdBy: 'cli', name: 'cli' });

      const agent = await run(
        'npm',
        [
          'run',
          '--silent',
          'cli',
          '--',
          'token',
          'create',
          '--team',
          'T0CLI',
          '--created-by',
          'U0AGNES',
          '--role',
          'agent',
        ],
        { env: { ...process.env, MONGODB_URI: database.uri } },
      );
      const agents = await database.connection
        .collection('api_tokens')
        .findOne({ hash: hashToken(agent.stdout.trim()) });
      expect(agents).toMatchObject({ role: 'agent', createdBy: 'U0AGNES', name: 'U0AGNES' });
    } finally {
      await database.drop();
    }
  });

  it('refuses an unknown role, creating nothing', async () => {
    const error = await run(
      'npm',
      ['run', '--silent', 'cli', '--', 'token', 'create', '--team', 'T0CLI', '--role', 'owner'],
      { env: { ...process.env, MONGODB_URI: 'mongodb://127.0.0.1:1/none' } },
    ).catch((e: { code: number; stdout: string; stderr: string }) => e);
    expect(error).toMatchObject({ code: 2, stdout: '' });
    expect((error as { stderr: string }).stderr).toContain('--role must be administrator or agent');
  });

  it('refuses a malformed team id with a usage message and exit code 2', async () => {
    const error = await run(
      'npm',
      ['run', '--silent', 'cli', '--', 'token', 'create', '--team', 'acme'],
      {
        env: { ...process.env, MONGODB_URI: 'mongodb://127.0.0.1:1/none' },
      },
    ).catch((e: { code: number; stdout: string; stderr: string }) => e);
    expect(error).toMatchObject({ code: 2, stdout: '' });
    expect((error as { stderr: string }).stderr).toContain('--team must be a Slack team id');
  });
});
