import { Router } from 'express';
import type { BotDeps } from '../../deps.js';
import {
  EmailDomainCreate,
  EmailDomainParams,
  EmailDomainUpdate,
  EmailDomainVerify,
  EmailMappingCreate,
  EmailMappingParams,
  EmailMappingUpdate,
  givenKeys,
} from '../../email/api.js';
import { EmailApi, refuseComputed } from '../../services/email/api.js';
import { addDomain, verifyDomain } from '../../services/email/dns.js';
import { teamOf } from '../auth.js';
import { parseInput } from '../parse.js';

export const EMAIL_PATH = '/email';
const DOMAINS = `${EMAIL_PATH}/domains`;
const MAPPINGS = `${EMAIL_PATH}/mappings`;

/**
 * E-mail domains and mappings of the workspace (issue 15), the `emailToSlack` settings keys as
 * resources: `{ payload: [...] }` lists, the item itself otherwise. Keys the bot computes are
 * refused with a 422 naming them.
 */
export function emailRoutes(deps: BotDeps): Router {
  const router = Router();
  const api = new EmailApi(deps);
  const nameOf = (params: unknown) => parseInput(EmailDomainParams, params, 'path').name;
  const emailOf = (params: unknown) => parseInput(EmailMappingParams, params, 'path').email;

  router.get(DOMAINS, async (_req, res) => {
    res.json({ payload: (await api.read(teamOf(res))).domains });
  });
  router.post(DOMAINS, async (req, res) => {
    refuseComputed('domain', req.body);
    const input = parseInput(EmailDomainCreate, req.body, 'body');
    res.status(201).json(await addDomain(deps, teamOf(res), input));
  });
  router.post(`${DOMAINS}/:name/verify`, async (req, res) => {
    const name = nameOf(req.params);
    parseInput(EmailDomainVerify, req.body, 'body');
    res.json(await verifyDomain(deps, teamOf(res), name));
  });
  router.get(`${DOMAINS}/:name`, async (req, res) => {
    res.json(await api.domain(teamOf(res), nameOf(req.params)));
  });
  router.patch(`${DOMAINS}/:name`, async (req, res) => {
    const name = nameOf(req.params);
    refuseComputed('domain', req.body);
    const update = givenKeys(parseInput(EmailDomainUpdate, req.body, 'body'), req.body);
    res.json(await api.changeDomain(teamOf(res), name, update));
  });
  router.delete(`${DOMAINS}/:name`, async (req, res) => {
    await api.removeDomain(teamOf(res), nameOf(req.params));
    res.status(204).end();
  });

  router.get(MAPPINGS, async (_req, res) => {
    res.json({ payload: (await api.read(teamOf(res))).mappings });
  });
  router.post(MAPPINGS, async (req, res) => {
    refuseComputed('mapping', req.body);
    const input = parseInput(EmailMappingCreate, req.body, 'body');
    res.status(201).json(await api.addMapping(teamOf(res), input));
  });
  router.get(`${MAPPINGS}/:email`, async (req, res) => {
    res.json(await api.mapping(teamOf(res), emailOf(req.params)));
  });
  router.patch(`${MAPPINGS}/:email`, async (req, res) => {
    const email = emailOf(req.params);
    refuseComputed('mapping', req.body);
    const update = givenKeys(parseInput(EmailMappingUpdate, req.body, 'body'), req.body);
    res.json(await api.changeMapping(teamOf(res), email, update));
  });
  router.delete(`${MAPPINGS}/:email`, async (req, res) => {
    await api.removeMapping(teamOf(res), emailOf(req.params));
    res.status(204).end();
  });
  return router;
}
