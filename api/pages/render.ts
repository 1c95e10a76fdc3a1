import type { Response } from 'express';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** Sends a server-rendered page. Pages behind a link are personal: never cached, never indexed. */
export function sendPage(res: Response, status: number, page: VNode): void {
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    .type('html')
    .send(`<!DOCTYPE html>${renderToString(page)}`);
}
