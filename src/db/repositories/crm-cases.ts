import type { CaseRef } from '../../connectors/crm.js';
import type { HistoryEntry } from '../../requests/request.js';
import {
  parseRequest,
  type ConnectorOutboxTask,
  type Models,
  type RequestDoc,
} from '../models/index.js';
import { orNull } from './parse.js';

/** Where a Case is asked for: its connector and the customer's Account. */
export interface CaseAsked {
  connectorId: string;
  vendor: 'salesforce' | 'hubspot';
  accountId: string | null;
  accountName: string | null;
}

/**
 * A request's Salesforce Case (`requests.crmCase`): asked for in one update with its create
 * task (at most once per request: a redelivered opening asks for nothing), then recorded made
 * or given up by the connector worker.
 */
export class CrmCases {
  constructor(private readonly models: Models) {}

  /** Records the Case asked for and queues its create; null when the request has one already. */
  async ask(
    requestId: RequestDoc['_id'],
    asked: CaseAsked,
    task: ConnectorOutboxTask,
    entry: HistoryEntry,
  ): Promise<RequestDoc | null> {
    const crmCase = {
      ...asked,
      intentId: task.id,
      state: 'pending',
      id: null,
      url: null,
      status: null,
      error: null,
      fields: {},
      at: task.at,
    };
    return this.models.requests
      .findOneAndUpdate(
        { _id: requestId, crmCase: null },
        { $set: { crmCase }, $push: { connectorTasks: task, history: entry } },
        { returnDocument: 'after', timestamps: false },
      )
      .lean()
      .then(orNull(parseRequest));
  }

  /** Records the Case a create made; null when it was recorded already. */
  async made(
    requestId: string,
    intentId: string,
    ref: CaseRef,
    at: Date,
    by: string,
  ): Promise<RequestDoc | null> {
    const entry = { at, type: 'crm_case', to: ref.id, by };
    return this.models.requests
      .findOneAndUpdate(
        { _id: requestId, 'crmCase.intentId': intentId, 'crmCase.state': { $ne: 'made' } },
        {
          $set: {
            'crmCase.state': 'made',
            'crmCase.id': ref.id,
            'crmCase.url': ref.url,
            'crmCase.status': ref.status,
            'crmCase.fields': ref.fields,
            'crmCase.error': null,
          },
          $push: { history: entry },
        },
        { returnDocument: 'after', timestamps: false },
      )
      .lean()
      .then(orNull(parseRequest));
  }

  /** Records that a create was given up, and why. */
  async failed(requestId: string, intentId: string, error: string): Promise<RequestDoc | null> {
    return this.models.requests
      .findOneAndUpdate(
        { _id: requestId, 'crmCase.intentId': intentId, 'crmCase.state': 'pending' },
        { $set: { 'crmCase.state': 'failed', 'crmCase.error': error } },
        { returnDocument: 'after', timestamps: false },
      )
      .lean()
      .then(orNull(parseRequest));
  }

  /** Notes the Case's last known status. */
  async status(requestId: RequestDoc['_id'], status: string): Promise<void> {
    await this.models.requests.updateOne(
      { _id: requestId, 'crmCase.state': 'made' },
      { $set: { 'crmCase.status': status } },
      { timestamps: false },
    );
  }

  /** The request whose Case this is, in this connector's Salesforce; null when none. */
  async byCase(connectorId: string, caseId: string): Promise<RequestDoc | null> {
    return this.models.requests
      .findOne({ 'crmCase.connectorId': connectorId, 'crmCase.id': caseId })
      .lean()
      .then(orNull(parseRequest));
  }

  /** Notes what Salesforce has of the Case now: its status and the additional fields. */
  async read(requestId: RequestDoc['_id'], status: string, fields: CaseRef['fields']) {
    await this.models.requests.updateOne(
      { _id: requestId, 'crmCase.state': 'made' },
      { $set: { 'crmCase.status': status, 'crmCase.fields': fields } },
      { timestamps: false },
    );
  }
}
