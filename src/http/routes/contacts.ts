import { Router } from 'express';
import type { BotDeps } from '../../deps.js';
import {
  contactConversations,
  createContact,
  getContact,
  listContacts,
  updateContact,
} from '../../services/contacts/api.js';
import { teamOf } from '../auth.js';
import {
  ContactConversationsQuery,
  ContactCreate,
  ContactIdParams,
  ContactListQuery,
  ContactSearchQuery,
  ContactUpdate,
  type Contact,
  type ContactConversations,
  type ContactList,
  type ContactResponse,
} from '../contact-schemas.js';
import { parseInput } from '../parse.js';

/**
 * Contacts in seed 003's shapes: list, search, read, create (by e-mail), change, and the
 * conversations each opened. An agent's token may use all of them.
 */
export function contactRoutes(deps: Pick<BotDeps, 'models' | 'settings'>): Router {
  const router = Router();
  const idOf = (params: unknown) => parseInput(ContactIdParams, params, 'path').id;
  const one = (contact: Contact) => ({ payload: contact }) satisfies ContactResponse;

  router.get('/contacts', async (req, res) => {
    const query = parseInput(ContactListQuery, req.query, 'query');
    res.json((await listContacts(deps, teamOf(res), query)) satisfies ContactList);
  });
  // Before `/contacts/:id`, which would take `search` for an id.
  router.get('/contacts/search', async (req, res) => {
    const query = parseInput(ContactSearchQuery, req.query, 'query');
    res.json((await listContacts(deps, teamOf(res), query)) satisfies ContactList);
  });
  // Express would list `/contacts/:id`'s PUT and PATCH as well, the path matching both.
  router.options('/contacts/search', (_req, res) => {
    res.set('Allow', 'GET, HEAD').send('GET, HEAD');
  });
  router.post('/contacts', async (req, res) => {
    const body = parseInput(ContactCreate, req.body, 'body');
    res.status(201).json(one(await createContact(deps, teamOf(res), body)));
  });
  router.get('/contacts/:id', async (req, res) => {
    res.json(one(await getContact(deps, teamOf(res), idOf(req.params))));
  });
  for (const method of ['put', 'patch'] as const) {
    router[method]('/contacts/:id', async (req, res) => {
      const id = idOf(req.params);
      const body = parseInput(ContactUpdate, req.body, 'body');
      res.json(one(await updateContact(deps, teamOf(res), id, body)));
    });
  }
  router.get('/contacts/:id/conversations', async (req, res) => {
    const id = idOf(req.params);
    const { page } = parseInput(ContactConversationsQuery, req.query, 'query');
    const answer = await contactConversations(deps, teamOf(res), id, page);
    res.json(answer satisfies ContactConversations);
  });
  return router;
}
