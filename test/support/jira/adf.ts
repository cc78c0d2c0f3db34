/** Plain text as the ADF a Jira comment's body is. */
export function adfOf(text: string) {
  return {
    type: 'doc',
    version: 1,
    content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
  };
}

/** The text of an ADF body (its text nodes). */
export function textOf(body: unknown): string {
  return (
    JSON.stringify(body)
      .match(/"text":"([^"]*)"/g)
      ?.map((m) => m.slice(8, -1))
      .join('\n') ?? ''
  );
}
