/**
 * The pages' static files: the NL Design System's Utrecht components and theme (from npm, as
 * published), Koers's few layout rules, the script that improves forms as the school types, and
 * the favicon (an SVG; /favicon.ico, which browsers ask for unprompted, answers with the same).
 */
import path from 'node:path';
import { Router } from 'express';

const files: Record<string, string> = {
  'utrecht-components.css': require.resolve('@utrecht/component-library-css/dist/index.css'),
  'utrecht-theme.css': require.resolve('@utrecht/design-tokens/dist/theme.css'),
  'koers.css': path.join(__dirname, 'assets', 'koers.css'),
  'school.js': path.join(__dirname, 'assets', 'school.js'),
};

export function assetsRouter(): Router {
  const router = Router();
  for (const [name, file] of Object.entries(files)) {
    router.get(`/assets/${name}`, (_req, res) => {
      res.set('Cache-Control', 'public, max-age=3600').sendFile(file);
    });
  }
  const favicon = path.join(__dirname, 'assets', 'favicon.svg');
  for (const route of ['/favicon.svg', '/favicon.ico']) {
    router.get(route, (_req, res) => {
      res.set('Cache-Control', 'public, max-age=86400').type('image/svg+xml').sendFile(favicon);
    });
  }
  router.use('/assets', (_req, res) => void res.status(404).type('text').send('Niet gevonden'));
  return router;
}
