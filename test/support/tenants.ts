// The demo tenant files, on their own so that a suite that only names one (a built suite) loads no bot modules.
import { join } from 'node:path';

export const TENANTS = {
  contoso: join(__dirname, '..', '..', 'demo-tenants', 'contoso.json'),
  fabrikam: join(__dirname, '..', '..', 'demo-tenants', 'fabrikam.json'),
};
