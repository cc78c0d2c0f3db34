import { parseChannel, parseRequest } from '../models/index.js';

/**
 * Documents are checked against their collection's zod schema once, where a repository reads
 * them (`db/models/*.ts`); what a service receives is a parsed document, never a cast.
 */
/** A stored document's id as the API, buttons and jobs carry it: 24 hex digits (else no lookup). */
export const isDocumentId = (id: string): boolean => /^[0-9a-f]{24}$/.test(id);

export const orNull =
  <T>(parse: (doc: unknown) => T) =>
  (doc: unknown): T | null =>
    doc == null ? null : parse(doc);

/** `text` as a case-insensitive substring pattern (SQL's `ILIKE '%text%'`). */
export const containing = (text: string) => ({
  $regex: text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
  $options: 'i',
});

/** A `{key, value}` entry as stored (nothing else of a parsed one), so lists compare equal. */
export const keyValue = ({ key, value }: { key: string; value: unknown }) => ({ key, value });

/**
 * A filter matching a document whose list of `{key, value}` at `path` is exactly `from`; an empty
 * one also matches a document stored without the list (written before it existed, or by an upsert).
 */
export const listIs = (path: string, from: readonly { key: string; value: unknown }[]) =>
  from.length === 0
    ? { $or: [{ [path]: [] }, { [path]: { $exists: false } }] }
    : { [path]: from.map(keyValue) };

export const requestOrNull = orNull(parseRequest);
export const channelOrNull = orNull(parseChannel);
/** Parses each document of a list read. */
export const requests = (docs: unknown[]) => docs.map(parseRequest);
export const channels = (docs: unknown[]) => docs.map(parseChannel);
