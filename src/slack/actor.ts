/** Who acts in an interaction (a click or a modal's submission), as its payload says. */
export interface Actor {
  /** The workspace the app acts in. */
  teamId: string;
  userId: string;
  /** The person's own Slack team: another organisation's in a Slack Connect channel. */
  userTeamId?: string;
  botUserId?: string;
}

/** The actor of a `block_actions` or `view_submission` payload and Bolt's context. */
export function actorOf(
  body: { team?: { id: string } | null; user: { id: string; team_id?: string } },
  context: { teamId?: string; botUserId?: string },
): Actor {
  return {
    teamId: context.teamId ?? body.team?.id ?? '',
    userId: body.user.id,
    userTeamId: body.user.team_id,
    botUserId: context.botUserId,
  };
}
