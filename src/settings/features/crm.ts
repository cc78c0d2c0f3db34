import { z } from 'zod';
import { IanaTimeZone } from '../primitives.js';
import { flag } from './requests-config.js';

/**
 * A CRM field's API name (Salesforce `Amount`, `Custom_Field__c`; HubSpot `dealname`). Used as a
 * stored key too, so `$…`, dots, NULs and `__proto__` are refused rather than mangled.
 */
const crmFieldName = z
  .string()
  .max(200)
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'Expected a CRM field API name such as Custom_Field__c')
  .refine((name) => name !== 'prototype' && name !== 'constructor', 'Reserved name');

/** `crm`: the connected CRM and what is synced from and to it. */
export const Crm = z
  .strictObject({
    internal_channels: z
      .strictObject({
        auto_sync: flag(false, 'Indicates if internal CRM channels are automatically synced.'),
        pattern: z
          .string()
          .min(1)
          .max(80)
          .default('int-{customer}')
          .describe(
            'The pattern used for creating internal CRM channels; {customer} stands for the ' +
              "CRM account's name as a Slack channel name (Slack allows 80 characters).",
          ),
      })
      .prefault({}),
    summariser: z
      .strictObject({
        schedule: z
          .enum(['DAILY', 'WEEKLY', 'NEVER'])
          .default('NEVER')
          .describe("The schedule for summarizing CRM data ('DAILY', 'WEEKLY' or 'NEVER')."),
        timezone: IanaTimeZone.default('UTC').describe('The timezone used for CRM summarization.'),
      })
      .prefault({}),
    additional_fields: z
      .array(crmFieldName)
      .max(100)
      .default([])
      .describe('Additional CRM fields (API names) synced besides the standard ones.'),
    field_mappings: z
      .unknown()
      // A record is rebuilt by assignment, which drops an own `__proto__` key silently.
      .refine(
        (value) =>
          typeof value !== 'object' || value === null || !Object.hasOwn(value, '__proto__'),
        'Reserved name: __proto__',
      )
      .pipe(z.record(crmFieldName, crmFieldName))
      .default({})
      .describe('Mappings of fields between CRM and internal systems: CRM field → internal field.'),
    type: z
      .enum(['SALESFORCE', 'HUBSPOT'])
      .nullable()
      .default(null)
      .describe("The type of CRM integration ('SALESFORCE' or 'HUBSPOT'); null when none."),
  })
  .prefault({});
