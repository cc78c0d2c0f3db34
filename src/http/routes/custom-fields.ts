import { Router } from 'express';
import type { CustomFieldDoc, Models } from '../../db/models/index.js';
import { CustomFieldStore } from '../../db/repositories/custom-fields.js';
import { teamOf } from '../auth.js';
import { parseInput } from '../parse.js';
import {
  CustomFieldCreate,
  CustomFieldIdParams,
  CustomFieldListQuery,
  CustomFieldUpdate,
  type CustomFieldResponse,
} from '../schemas.js';

const PATH = '/custom_attribute_definitions';

/** A workspace's custom field definitions (Chatwoot's custom attribute definitions). */
export function customFieldRoutes(models: Models): Router {
  const router = Router();
  const store = new CustomFieldStore(models);

  router.get(PATH, async (req, res) => {
    const { attribute_model: model } = parseInput(CustomFieldListQuery, req.query, 'query');
    res.json((await store.list(teamOf(res), model ?? 'all')).map(render));
  });
  router.post(PATH, async (req, res) => {
    const input = parseInput(CustomFieldCreate, req.body, 'body');
    res.status(201).json(render(await store.create(teamOf(res), input)));
  });
  router.get(`${PATH}/:id`, async (req, res) => {
    const { id } = parseInput(CustomFieldIdParams, req.params, 'path');
    res.json(render(await store.get(teamOf(res), id)));
  });
  router.patch(`${PATH}/:id`, async (req, res) => {
    const { id } = parseInput(CustomFieldIdParams, req.params, 'path');
    const update = parseInput(CustomFieldUpdate, req.body, 'body');
    res.json(render(await store.update(teamOf(res), id, update)));
  });
  router.delete(`${PATH}/:id`, async (req, res) => {
    const { id } = parseInput(CustomFieldIdParams, req.params, 'path');
    await store.remove(teamOf(res), id);
    res.status(204).end();
  });
  return router;
}

function render(field: CustomFieldDoc): CustomFieldResponse {
  return {
    id: String(field._id),
    attribute_display_name: field.name,
    attribute_display_type: field.type,
    attribute_description: field.description,
    attribute_key: field.key,
    attribute_values: field.values,
    attribute_model: field.model,
    default_value: null,
    created_at: field.createdAt.toISOString(),
    updated_at: field.updatedAt.toISOString(),
  };
}
