import { overviewPage } from './overview.js';
import { requestPage } from './request.js';
import { requestsPage } from './requests.js';
import { settingsPage } from './settings.js';

const PAGES: Record<string, () => Promise<void>> = {
  overview: overviewPage,
  requests: requestsPage,
  request: requestPage,
  settings: settingsPage,
};

void PAGES[document.body.dataset.page ?? '']?.();
