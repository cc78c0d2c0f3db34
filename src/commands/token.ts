/**
 * The answer to `/triage token`: the new secret with a ready-to-run example. It appears only in
 * this ephemeral reply (it is stored as a hash and never logged), so the reply says to copy it now.
 */
export function tokenReplyText(token: string): string {
  return [
    ':key: A new API token for this workspace. It is shown only this once, so copy it now:',
    `\`\`\`${token}\`\`\``,
    'Try it (with the address your Triage app is served at):',
    `\`\`\`curl -H "Authorization: Bearer ${token}" https://YOUR-TRIAGE-HOST/api/v1/workspace/settings\`\`\``,
  ].join('\n');
}
