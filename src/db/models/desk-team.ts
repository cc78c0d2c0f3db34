import type { Connection, Model } from 'mongoose';
import { z } from 'zod';
import { AgentRole, Availability } from '../../desk/teams.js';
import { mongooseSchema, ObjectId } from './zod-schema.js';

/**
 * A workspace's team (seed 003's, `src/desk/teams.ts`). Members are kept in the team document so
 * that changing them is one single-document write; `rotation` is the round-robin counter each
 * routed request increments (`$inc`) to take its slot.
 */
export const DeskTeamDocument = z.object({
  _id: ObjectId,
  teamId: z.string(),
  name: z.string(),
  description: z.string().default(''),
  allowAutoAssign: z.boolean().default(true),
  memberIds: z.array(z.string()).default([]),
  rotation: z.number().int().default(0),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type DeskTeamDoc = z.infer<typeof DeskTeamDocument>;
export const parseDeskTeam = (doc: unknown): DeskTeamDoc => DeskTeamDocument.parse(doc);

const DeskTeamSchema = mongooseSchema(DeskTeamDocument, { timestamps: true, collection: 'teams' });
DeskTeamSchema.index({ teamId: 1, name: 1 }, { unique: true });

export type DeskTeamModel = Model<DeskTeamDoc>;
export const deskTeamModel = (db: Connection): DeskTeamModel =>
  db.models.DeskTeam ?? db.model<DeskTeamDoc>('DeskTeam', DeskTeamSchema);

/** An agent: a Slack user of the workspace with a role record, and whether they take requests. */
export const AgentDocument = z.object({
  _id: ObjectId,
  teamId: z.string(),
  userId: z.string(),
  name: z.string().default(''),
  email: z.string().nullable().default(null),
  role: AgentRole.default('agent'),
  availability: Availability.default('online'),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type AgentDoc = z.infer<typeof AgentDocument>;
export const parseAgent = (doc: unknown): AgentDoc => AgentDocument.parse(doc);

const AgentSchema = mongooseSchema(AgentDocument, { timestamps: true, collection: 'agents' });
AgentSchema.index({ teamId: 1, userId: 1 }, { unique: true });

export type AgentModel = Model<AgentDoc>;
export const agentModel = (db: Connection): AgentModel =>
  db.models.Agent ?? db.model<AgentDoc>('Agent', AgentSchema);
